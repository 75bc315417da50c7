import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Tells a connection's thread, while it waits for the server, that the task
/// which started the current call was cancelled.
///
/// Calls are numbered; a request names its call, so a cancellation that
/// arrives late never stops the call after it (a `ROLLBACK`, a history row).
/// The request wakes the thread through a pipe it polls beside the
/// connection's socket.
final class CancelSignal: Sendable {
    private let requested = Mutex<UInt64?>(nil)
    private let nextCall = Atomic<UInt64>(1)
    /// Polled by the thread; readable once a request came in.
    let descriptor: Int32
    private let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EMFILE) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// A number for a new call.
    func newCall() -> UInt64 {
        nextCall.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Asks the thread to cancel `call` if it is still running.
    func request(_ call: UInt64) {
        requested.withLock { $0 = call }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Whether `call` was asked to stop; clears the wake-up.
    func isRequested(_ call: UInt64) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 16)
        while read(descriptor, &bytes, bytes.count) > 0 {}
        return requested.withLock { $0 == call }
    }
}
