import ArgumentParser
import ChecklistModel
import Foundation

/// Checks an account against AWS.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the account against AWS with the AWS CLI and record the results."
    )

    @Argument(help: "The 12-digit AWS account id.")
    var accountID: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingFailures {
            throw Failure("verify is not yet available")
        }
    }
}
