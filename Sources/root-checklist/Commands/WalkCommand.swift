import ArgumentParser
import ChecklistModel

/// The interactive walkthrough (the default command).
struct WalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Walk through the checklist in a full-screen terminal interface.",
        discussion: "Every change is saved at once, so q quits at any moment; the account's summary is printed on exit."
    )

    @Option(help: "Open this account directly (its id or alias).", transform: accountArgument)
    var account: String?

    @Option(help: "Checklist id or path, for new accounts and for accounts started with it.")
    var checklist: String?

    @Flag(help: "Do not use colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "Use ASCII glyphs only (also in a non-UTF-8 locale).")
    var ascii = false

    @Option(help: "AWS CLI profile for the checks run with v (default: the CLI's own, e.g. $AWS_PROFILE).")
    var profile: String?

    @Option(help: "Region for v's regional calls, e.g. the Identity Center home Region.")
    var region: String?

    @Flag(help: "In a shared state directory: sync with the team before starting and after quitting.")
    var sync = false

    /// How v reaches a member account from the operator's (management account's) credentials.
    @OptionGroup var member: MemberAccessOptions

    @OptionGroup var global: GlobalOptions

    var request: WalkRequest {
        WalkRequest(account: account, checklist: checklist, noColor: noColor, ascii: ascii, stateDir: global.stateDir,
                    operatorName: global.operatorName, profile: profile, region: region, sync: sync, access: member.access)
    }

    func run() throws {
        try request.run()
    }
}
