import ProcessSupport
import Testing

/// The default state directory, from a fixed environment.
@Suite struct ProcessSupportTests {
    @Test func directoryResolutionOrder() {
        #expect(StateDirectory.resolve(flag: "/a", environment: ["ROOT_CHECKLIST_STATE_DIR": "/b"]).path == "/a")
        #expect(StateDirectory.resolve(flag: nil, environment: ["ROOT_CHECKLIST_STATE_DIR": "/b", "XDG_STATE_HOME": "/x"]).path == "/b")
        #expect(StateDirectory.resolve(flag: nil, environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]).path == "/x/root-checklist")
        #expect(StateDirectory.resolve(flag: nil, environment: ["HOME": "/h"]).path == "/h/.local/state/root-checklist")
    }
}
