/// Reading and writing an AS store row by row, exactly as stored, so that an AS moves from one backend to another
/// (``ASStoreCopy``) with its ids, audit positions, token hashes and secrets unchanged: issued tokens, user codes and
/// `id_token`s stay valid after the move.
public protocol ASStoreTransfer: Sendable {
    /// How many rows each table holds.
    func tableCounts() async throws -> [ASTable: Int]
    /// Up to `limit` rows of `table` after the position `cursor` (nil: from the start), in a stable order.
    func exportRows(of table: ASTable, after cursor: String?, limit: Int) async throws -> ASRowPage
    /// Inserts `rows` as given, in one transaction; referenced rows must be imported first (``ASTable`` order).
    func importRows(_ rows: [ASRow]) async throws
    /// After an import: makes the next audit entry's position follow the imported ones.
    func finishImport() async throws
}
