import AWSChecks
import ArgumentParser

/// The AWS CLI settings of the commands that call AWS (`verify`, `import`): one definition, so
/// they are named and explained alike.
struct AWSOptions: ParsableArguments {
    @Option(help: "AWS CLI profile to use (default: the CLI's own, e.g. $AWS_PROFILE).")
    var profile: String?

    @Option(help: "Region for regional calls, e.g. the Identity Center home Region.")
    var region: String?
}

extension AWSBackend: ExpressibleByArgument {}
