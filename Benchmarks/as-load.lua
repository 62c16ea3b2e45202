-- wrk script of the AS load benchmark (Benchmarks/as-load.sh, docs/performance.md).
--
-- Sends pre-signed requests, each exactly once, over wrk's keep-alive connections, checks every response, and
-- stops each thread when all of its requests are answered. ASLoadBenchmark writes one file of requests per thread
-- (PREFIX.0, PREFIX.1, ...; each request as "<length>\n<bytes>") and reads the ASLOAD lines printed here.
--
-- wrk itself always runs for its -d duration (its main thread sleeps that long), so each thread prints
-- "ASLOAD done" when its last answer is in, ASLoadBenchmark interrupts wrk (SIGINT) once every thread has, and the
-- run's duration is measured here: from the first request sent to the last answer received, on CLOCK_MONOTONIC
-- through LuaJIT's FFI (wrk's own duration would include the wait for the interrupt).
--
-- Arguments after "--": PREFIX STATUS [TEXT | !TEXT]...
--   STATUS  the HTTP status every response must have
--   TEXT    a string every response body must contain; !TEXT one it must not contain (plain text, not a pattern)

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } as_load_timespec;
int clock_gettime(int clock, as_load_timespec *tp);
]])
local timespec = ffi.new("as_load_timespec")
local CLOCK_MONOTONIC = 1

local function now_us()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) * 1000000 + tonumber(timespec.tv_nsec) / 1000
end

local threads = {}
local next_thread_id = 0

-- With several AS instances, ASLoadBenchmark names them in ASLOAD_TARGETS ("HOST:PORT,HOST:PORT"): thread t connects
-- to instance t % N (wrk's setup() gets no script arguments). The requests are signed for the first instance's
-- public URL, which every instance serves.
local targets = {}
for host, port in (os.getenv("ASLOAD_TARGETS") or ""):gmatch("([^,:]+):(%d+)") do
    table.insert(targets, { host = host, port = port })
end

function setup(thread)
    thread:set("id", next_thread_id)
    if #targets > 0 then
        local target = targets[next_thread_id % #targets + 1]
        thread.addr = wrk.lookup(target.host, target.port)[1]
    end
    next_thread_id = next_thread_id + 1
    table.insert(threads, thread)
end

function init(args)
    expected_status = tonumber(args[2])
    required, forbidden = {}, {}
    for i = 3, #args do
        if args[i]:sub(1, 1) == "!" then
            table.insert(forbidden, args[i]:sub(2))
        else
            table.insert(required, args[i])
        end
    end
    local file = assert(io.open(args[1] .. "." .. id, "rb"))
    local data = file:read("*a")
    file:close()
    requests = {}
    local position = 1
    while position <= #data do
        local newline = data:find("\n", position, true)
        local length = tonumber(data:sub(position, newline - 1))
        requests[#requests + 1] = data:sub(newline + 1, newline + length)
        position = newline + length + 1
    end
    total = #requests
    sent, received, unexpected = 0, 0, 0
    -- Before the run, wrk calls request() once on its first thread to check that the script makes a valid request
    -- (script_verify_request in wrk 4.1); that call must not use up a request. Thread ids follow wrk's thread order.
    checking = id == 0
    status_counts = {}
    first_unexpected = ""
    started_us, finished_us = 0, 0
    if total == 0 then
        report_done()
    end
end

function report_done()
    io.write("ASLOAD done id=" .. id .. "\n")
    io.stdout:flush()
end

-- Once this thread's requests are all sent, a connection that asks for more gets nothing to send (wrk writes zero
-- bytes and the connection waits); the thread stops when the last answer is in, so no answer is left uncounted.
function request()
    if checking then
        checking = false
        return requests[1]
    end
    if sent == total then
        return ""
    end
    if sent == 0 then
        started_us = now_us()
    end
    sent = sent + 1
    return requests[sent]
end

local function as_expected(status, body)
    if status ~= expected_status then
        return false
    end
    for _, text in ipairs(required) do
        if not body:find(text, 1, true) then
            return false
        end
    end
    for _, text in ipairs(forbidden) do
        if body:find(text, 1, true) then
            return false
        end
    end
    return true
end

function response(status, headers, body)
    received = received + 1
    status_counts[status] = (status_counts[status] or 0) + 1
    if not as_expected(status, body) then
        unexpected = unexpected + 1
        if first_unexpected == "" then
            first_unexpected = status .. " " .. body:sub(1, 300):gsub("[\r\n]", " ")
        end
    end
    if received == total then
        finished_us = now_us()
        wrk.thread:stop()
        report_done()
    end
end

function done(summary, latency, _)
    local errors = summary.errors
    local first_start, last_finish = nil, 0
    for _, thread in ipairs(threads) do
        local started = thread:get("started_us")
        if started > 0 and (first_start == nil or started < first_start) then
            first_start = started
        end
        last_finish = math.max(last_finish, thread:get("finished_us"))
    end
    local duration = first_start and math.max(0, last_finish - first_start) or 0
    io.write(string.format(
        "ASLOAD summary requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f mean_us=%.1f "
            .. "connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d\n",
        summary.requests, duration, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max, latency.mean, errors.connect, errors.read, errors.write,
        errors.status, errors.timeout))
    for _, thread in ipairs(threads) do
        local counts = {}
        -- thread:get copies the thread's table of counts (keyed by status) into this state.
        local copied = thread:get("status_counts") or {}
        for status, count in pairs(copied) do
            table.insert(counts, status .. ":" .. count)
        end
        table.sort(counts)
        io.write(string.format(
            "ASLOAD thread id=%d total=%d sent=%d received=%d unexpected=%d statuses=%s first_unexpected=%s\n",
            thread:get("id"), thread:get("total"), thread:get("sent"), thread:get("received"),
            thread:get("unexpected"), table.concat(counts, ","), thread:get("first_unexpected")))
    end
end
