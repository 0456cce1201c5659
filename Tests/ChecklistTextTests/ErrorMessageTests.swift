import ChecklistModel
import ChecklistText
import Testing

/// Errors are data; the plain wording, which any front end can show, names no flag or command.
@Suite struct ErrorMessageTests {
    @Test func errorDescriptionPointsAtValidation() {
        let error = ChecklistError.invalid(source: "x.json", problems: [JSONProblem(path: "$.a", message: "m"),
                                                                         JSONProblem(path: "$.b", message: "n")])
        #expect(error.description.contains("$.a: m"))
        #expect(error.description.contains("validate the file"))
        #expect(!error.description.contains("--"), "the plain wording names no flag")
    }

    /// Every error worded for any front end names no flag and no command of this executable.
    @Test func plainMessagesNameNoFlagOrCommand() {
        let errors: [ModelError] = [
            .accountExists("111122223333"), .accountNotFound(id: "111122223333", directory: "/s"),
            .missingEvidence(item: "root-mfa", fields: ["device-count"]), .reasonRequired(status: .skipped),
            .checklistMismatch(account: "111122223333", wants: "a", given: "b"),
            .checklistContentMismatch(account: "111122223333", id: "a", version: 1, recorded: "ab", given: "cd"),
            .unsafeDirectory(path: "/s", problem: "belongs to another user (uid 7)", fix: nil),
        ]
        for error in errors {
            #expect(!error.description.contains("--") && !error.description.contains("root-checklist "), "\(error.description)")
        }
        #expect(!ChecklistError.unknown(id: "x").description.contains("--"))
    }

    /// What the operator typed is echoed, but a megabyte of it is not: the line stays readable.
    @Test func echoedValuesAreBounded() {
        let huge = String(repeating: "x", count: 1_000_000)
        for error in [ModelError.invalidAccountID(huge), .unknownItem(id: huge, known: ["a"]), .invalidEmail(huge)] {
            #expect(error.description.count < 400, "\(error.description.count)")
        }
    }
}
