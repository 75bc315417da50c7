import CLibPQ
import Foundation
import Strata

extension LibPQConnection {
    /// Runs `COPY ... TO STDOUT`, handing each row's data to `consume` as
    /// libpq reads it (`PQgetCopyData`); returns the number of rows copied.
    /// When `consume` throws, the rest of the data is read and dropped (a
    /// `COPY TO` cannot be stopped half-way but by cancelling it) and the
    /// error is rethrown.
    func copyOut(_ sql: String, call: UInt64, consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let cancelSent = try startCopy(sql, expecting: PGRES_COPY_OUT, call: call, misuse: "copyOut runs COPY ... TO STDOUT statements only")
        var consumeError: (any Error)?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            // Blocking read: -1 ends the copy, -2 is an error PQgetResult hands over below.
            let length = pq.PQgetCopyData(handle, &buffer, 0)
            guard length > 0, let buffer else { break }
            defer { pq.PQfreemem(buffer) }
            guard consumeError == nil else { continue }
            do {
                try consume(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            } catch {
                consumeError = error
            }
        }
        var copied = 0
        try collect(call: call, cancelSent: cancelSent) { _, result in
            copied = Int(String(libpq: pq.PQcmdTuples(result))) ?? 0
        }
        if let consumeError { throw consumeError }
        return copied
    }
}
