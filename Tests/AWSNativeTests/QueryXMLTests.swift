@testable import AWSNative
import JSONFormat
import Testing

/// The query protocols' XML read into the CLI's JSON; anything not whole is refused.
@Suite struct QueryXMLTests {
    static func model(_ command: String) -> OperationShape { OperationShapes.operation(service: .iam, command: command)! }

    @Test func aSummaryMapListsAndEntitiesReadAsTheCLIPrintsThem() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetAccountSummaryResult>
                <SummaryMap>
                  <entry><key>AccountMFAEnabled</key><value>1</value></entry>
                  <entry><key>AccountAccessKeysPresent</key><value>0</value></entry>
                </SummaryMap>
              </GetAccountSummaryResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </GetAccountSummaryResponse>
            """
        let summary = try #require(QueryXML.json(Array(xml.utf8), operation: Self.model("get-account-summary")))
        #expect(summary == .object(["SummaryMap": .object(["AccountMFAEnabled": .number(JSONNumber(1)), "AccountAccessKeysPresent": .number(JSONNumber(0))])]))
        let devices = """
            <ListMFADevicesResponse><ListMFADevicesResult><IsTruncated>false</IsTruncated><MFADevices>
            <member><SerialNumber>arn:aws:iam::1:mfa/a&amp;b</SerialNumber><UserName>O&#39;Neil &lt;ops&gt;</UserName></member>
            </MFADevices></ListMFADevicesResult></ListMFADevicesResponse>
            """
        let list = try #require(QueryXML.json(Array(devices.utf8), operation: Self.model("list-mfa-devices")))
        #expect(list == .object(["IsTruncated": .bool(false), "MFADevices": .array([.object([
            "SerialNumber": .string("arn:aws:iam::1:mfa/a&b"), "UserName": .string("O'Neil <ops>")])])]))
        let empty = "<ListMFADevicesResponse><ListMFADevicesResult><MFADevices/></ListMFADevicesResult></ListMFADevicesResponse>"
        #expect(QueryXML.json(Array(empty.utf8), operation: Self.model("list-mfa-devices")) == .object(["MFADevices": .array([])]))
    }

    @Test(arguments: [
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult>",
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>",
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>&bogus;</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
        "<OtherResponse></OtherResponse>",
        "not xml",
    ])
    func aDocumentNotWholeIsRefused(_ xml: String) {
        #expect(QueryXML.json(Array(xml.utf8), operation: OperationShapes.operation(service: .sts, command: "get-caller-identity")!) == nil)
    }
}
