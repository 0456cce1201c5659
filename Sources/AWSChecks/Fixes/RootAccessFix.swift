import ChecklistModel
import SystemImports

/// Centralized root access, turned on in the management account: trusted access for IAM in
/// Organizations, then root credentials management and privileged root actions (root sessions).
/// Only the steps still needed are planned, so running it again does what is left.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
enum RootAccessFix {
    static let serviceAccess = AWSCall(["organizations", "list-aws-service-access-for-organization"])

    static func plan(item: ChecklistItem, state: AccountState, caller: FixCaller, replies: any ReplySource,
                     region: String?) throws(FixError) -> FixPlan {
        guard state.account.kind == .management, case .account = caller else {
            throw .notPossible("centralized root access is turned on in the organization's management account, with its own credentials; "
                               + "this account is \(state.account.kind.map { "a \($0.rawValue)" } ?? "of a kind not set (edit --kind management if it is the management account)")")
        }
        switch replies.reply(.organization, region: region) {
        case .success(let object):
            guard object["Organization"]?.object?["FeatureSet"]?.string == "ALL" else {
                throw .notPossible("the organization uses consolidated billing only: enable all features first (Organizations console, Settings), "
                                   + "which every member must accept")
            }
        case .failure(let failure):
            throw .unreadable(failure.message)
        }
        let trusted: Bool
        switch replies.reply(serviceAccess, region: region) {
        case .success(let object):
            trusted = (object["EnabledServicePrincipals"]?.array ?? []).contains { $0.object?["ServicePrincipal"]?.string == "iam.amazonaws.com" }
        case .failure(let failure):
            throw .unreadable(failure.message)
        }
        var features: [String] = []
        if trusted {
            switch replies.reply(.organizationsFeatures, region: region) {
            case .success(let object): features = object["EnabledFeatures"]?.array?.compactMap(\.string) ?? []
            case .failure(let failure) where failure.code.map(CallFailure.baseCode) == "ServiceAccessNotEnabled": break
            case .failure(let failure): throw .unreadable(failure.message)
            }
        }
        var steps: [FixPlan.Step] = []
        if !trusted {
            steps.append(.init(arguments: ["organizations", "enable-aws-service-access", "--service-principal", "iam.amazonaws.com"],
                               changes: "lets IAM act across the organization (trusted access for IAM)",
                               undo: "aws organizations disable-aws-service-access --service-principal iam.amazonaws.com (turns the features below off too)"))
        }
        if !features.contains("RootCredentialsManagement") {
            steps.append(.init(arguments: ["iam", "enable-organizations-root-credentials-management"],
                               changes: "lets the management account delete and audit member accounts' root credentials; new members are created without them",
                               undo: "aws iam disable-organizations-root-credentials-management"))
        }
        if !features.contains("RootSessions") {
            steps.append(.init(arguments: ["iam", "enable-organizations-root-sessions"],
                               changes: "lets the management account run short root sessions in members (sts assume-root) for privileged tasks",
                               undo: "aws iam disable-organizations-root-sessions"))
        }
        let now = trusted ? "trusted access for IAM is on; enabled features: \(features.isEmpty ? "none" : features.joined(separator: ", "))"
            : "trusted access for IAM is off"
        return FixPlan(accountID: state.account.id, itemID: item.id, title: "Turn on centralized root access for member accounts",
                       caller: caller, now: now, steps: steps, evidence: ["features": "RootCredentialsManagement,RootSessions"])
    }
}
