import Foundation
import GNAP
import GNAPResourceServer
import Hummingbird

/// The notes API: `GET /notes` (list), `GET /notes/{id}`, `POST /notes` with `{"text": …}`, `DELETE /notes/{id}`.
/// Every route needs a GNAP token with the `notes` right for its action (`read` to look, `write` to change), checked
/// by ``NotesAccessMiddleware``; the handlers see only requests that passed.
enum NotesRoutes {
    static let maximumTextLength = 2_000

    static func add(
        to router: Router<BasicGNAPRequestContext>, store: NotesDatabase, gate: NotesGate, clock: AnyWallClock
    ) {
        let notes = router.group("notes").add(middleware: NotesAccessMiddleware(gate: gate))
        notes.get { _, _ in
            NotesResponses.json(.ok, NoteList(notes: try await store.notes()))
        }
        notes.get("{id}") { _, context in
            guard let id = Int64(try context.parameters.require("id")), let note = try await store.note(id: id) else {
                return NotesResponses.error(.notFound, GNAPError(.notFound, "no note with this id"))
            }
            return NotesResponses.json(.ok, note)
        }
        notes.post { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 10)
            guard let new = try? GNAPJSON.decodeRequest(NewNote.self, from: Array(body.readableBytesView)),
                !new.text.isEmpty, new.text.count <= maximumTextLength
            else {
                return NotesResponses.error(
                    .badRequest,
                    GNAPError(.invalidRequest, "send {\"text\": …} with 1 to \(maximumTextLength) characters"))
            }
            let author = try context.requireGNAPAuthorization().subject
            return NotesResponses.json(.created, try await store.addNote(text: new.text, author: author, at: clock.now))
        }
        notes.delete("{id}") { _, context in
            guard let id = Int64(try context.parameters.require("id")), try await store.deleteNote(id: id) else {
                return NotesResponses.error(.notFound, GNAPError(.notFound, "no note with this id"))
            }
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        }
    }

    struct NoteList: Encodable {
        var notes: [Note]
    }

    struct NewNote: Decodable {
        var text: String
    }
}

/// JSON answers of the notes API, never cached; errors in the GNAP shape.
enum NotesResponses {
    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        guard let bytes = try? GNAPJSON.encode(value) else {
            return error(.internalServerError, GNAPError(.requestDenied, "the answer could not be encoded"))
        }
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func error(_ status: HTTPResponse.Status, _ error: GNAPError) -> Response {
        let bytes = (try? GNAPJSON.encode(GNAPErrorResponse(error))) ?? []
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
