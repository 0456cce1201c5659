import AWSNative
import ChecklistModel
import SystemImports

/// How live calls reach AWS: the native client (the default), or the AWS CLI, one process a call.
public enum AWSBackend: String, CaseIterable, Sendable {
    case native, cli
}

/// Replies asked of AWS as the calls are made, by either backend.
public protocol LiveReplies: ReplySource {
    var region: String? { get }
    var timeout: TimeInterval { get }
    /// Polled while a call runs: true ends it at once.
    var cancelled: @Sendable () -> Bool { get set }
    /// The same backend acting with a member account's temporary credentials only (nothing of the
    /// operator's own configuration can take their place).
    func acting(as credentials: MemberCredentials) -> any LiveReplies
    /// This source trying throttled calls again until `deadline`, in the one place that retries:
    /// the native client's own retry mode, or a layer over the CLI (which gives up sooner).
    func retryingThrottles(until deadline: Date) -> any ReplySource
    /// Said in `verify`'s output: which backend answered, and with which credentials.
    var description: String { get }
}

/// The live source for a run, opened once: the native client with the credentials the CLI would
/// use, or the CLI when asked for, or when the profile takes its credentials in a way the native
/// client does not read (and the CLI cannot hand them over), which `description` then says.
public enum LiveSource {
    public static func open(_ backend: AWSBackend, profile: String?, region: String?, timeout: TimeInterval,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> any LiveReplies {
        let cli = CLIReplies(profile: profile, region: region, timeout: timeout, environment: environment)
        guard backend == .native else { return cli }
        if let reason = NativeClient.unavailable {
            var fallback = cli
            fallback.note = "the AWS CLI (the native client cannot: \(reason))"
            return fallback
        }
        // The profile's endpoint and CA bundle, for the credentials' own calls (STS, the portal) too.
        let reach = CredentialChain.reachSettings(profile: profile, environment: environment)
        switch NativeCredentials.find(profile: profile, environment: reach, cli: cli) {
        case .found(let credentials, let from):
            return NativeReplies(credentials: credentials, from: from, region: region, timeout: timeout, environment: reach,
                                 defaultRegion: NativeCredentials.region(profile: profile, environment: environment))
        case .cliOnly(let reason):
            var fallback = cli
            fallback.note = "the AWS CLI (\(reason))"
            return fallback
        case .none(let reason):
            return NativeReplies.without(reason, region: region, timeout: timeout, environment: environment)
        }
    }
}
