import Foundation

/// nginx (Debian's package) as a round-robin load balancer in front of AS instances, run as a child process with
/// every path in a temporary directory. As root its workers run as an unprivileged user; nginx makes its temporary
/// directories for them. The access log names the instance that answered each request.
struct LoadBalancer {
    let directory: URL
    let port: Int
    let process: RunningProcess
    var url: String { "http://127.0.0.1:\(port)" }

    static let executable = URL(fileURLWithPath: "/usr/sbin/nginx")

    /// Starts nginx on `port` (the public URL the instances were given) once one of `upstreams` answers.
    static func start(port: Int, upstreams: [Int]) async throws -> LoadBalancer {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw E2EError("nginx is not installed: run scripts/test-setup (or apt-get install nginx)")
        }
        let directory = try Binary.temporaryDirectory("nginx")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try configuration(directory: directory.path, port: port, upstreams: upstreams)
            .write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let process = try RunningProcess(
            ["-p", directory.path + "/", "-c", directory.appendingPathComponent("nginx.conf").path],
            executable: executable)
        let balancer = LoadBalancer(directory: directory, port: port, process: process)
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? CurlResponse.fetch(balancer.url + "/.well-known/gnap-as-rs"))?.status != 200 {
            guard ContinuousClock.now < deadline, process.process.isRunning else {
                throw E2EError("nginx did not start: \(process.stderr) \(balancer.errorLog)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return balancer
    }

    /// The instance port that answered each logged request (`METHOD PATH STATUS PORT[, PORT]`), oldest first.
    var servedRequests: [(request: String, status: Int, upstream: String)] {
        let log = (try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 3).map(String.init)
            guard fields.count == 4, let status = Int(fields[2]) else { return nil }
            return ("\(fields[0]) \(fields[1])", status, fields[3])
        }
    }

    var errorLog: String {
        (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func configuration(directory: String, port: Int, upstreams: [Int]) -> String {
        """
        worker_processes 1;
        daemon off;
        pid \(directory)/nginx.pid;
        error_log \(directory)/error.log notice;
        events { worker_connections 256; }
        http {
            log_format upstreams '$request_method $uri $status $upstream_addr';
            access_log \(directory)/access.log upstreams;
            client_body_temp_path \(directory)/client_body;
            proxy_temp_path \(directory)/proxy;
            fastcgi_temp_path \(directory)/fastcgi;
            uwsgi_temp_path \(directory)/uwsgi;
            scgi_temp_path \(directory)/scgi;
            upstream gnapterm {
        \(upstreams.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=10s;" }.joined(separator: "\n"))
            }
            server {
                listen 127.0.0.1:\(port);
                location / {
                    proxy_pass http://gnapterm;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $http_host;
                    # The admin event stream (text/event-stream) is passed on as it comes.
                    proxy_buffering off;
                    proxy_read_timeout 1h;
                    # A request to an instance that is gone (refused connection) goes to the next one.
                    proxy_next_upstream error timeout;
                    proxy_connect_timeout 2s;
                }
            }
        }

        """
    }
}
