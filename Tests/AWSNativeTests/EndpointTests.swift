import AWSNative
import Foundation
import Testing

/// Endpoints as botocore resolves them, for every service the checks call in every partition, and
/// the endpoint variables before them.
@Suite struct EndpointTests {
    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "us-gov-east-1", "cn-north-1", "cn-northwest-1"]

    @Test(.enabled(if: SigV4Tests.botocoreAvailable, "needs botocore: pip install awscli"))
    func everyServiceInEveryPartitionAgreesWithBotocore() throws {
        let script = """
            import json, sys, botocore.session
            s = botocore.session.get_session()
            out = {}
            for svc in json.load(sys.stdin)['services']:
                for r in json.load(open(sys.argv[1]))['regions']:
                    c = s.create_client(svc, region_name=r, aws_access_key_id='x', aws_secret_access_key='y')
                    out[svc + ' ' + r] = c.meta.endpoint_url
            print(json.dumps(out))
            """
        let regionsFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("rc-regions-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: ["regions": Self.regions]).write(to: regionsFile)
        let input = try JSONSerialization.data(withJSONObject: ["services": AWSService.allCases.map(\.rawValue)])
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_STS_REGIONAL_ENDPOINTS"] = "regional"
        for key in environment.keys where key.hasPrefix("AWS_ENDPOINT_URL") { environment[key] = nil }
        let result = try SigV4Tests.run(["env"] + environment.map { "\($0.key)=\($0.value)" } + ["python3", "-c", script, regionsFile.path], input: input)
        #expect(result.status == 0, "\(result.error)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: String])
        var compared = 0
        for service in AWSService.allCases {
            for region in Self.regions {
                let ours = Endpoint.resolve(service, region: region, environment: [:])?.url
                #expect(ours == theirs["\(service.rawValue) \(region)"], "\(service.rawValue) in \(region)")
                compared += 1
            }
        }
        #expect(compared == AWSService.allCases.count * Self.regions.count)
    }

    /// Global services sign in their partition's home Region; the rest in the Region asked.
    @Test func signingRegionsAndNames() {
        #expect(Endpoint.resolve(.iam, region: "eu-west-1", environment: [:])?.signingRegion == "us-east-1")
        #expect(Endpoint.resolve(.organizations, region: "cn-north-1", environment: [:])?.signingRegion == "cn-northwest-1")
        #expect(Endpoint.resolve(.iam, region: "us-gov-east-1", environment: [:])?.signingRegion == "us-gov-west-1")
        #expect(Endpoint.resolve(.sts, region: "eu-west-1", environment: [:]) == Endpoint(url: "https://sts.eu-west-1.amazonaws.com",
                                                                                            signingRegion: "eu-west-1", signingName: "sts"))
        #expect(Endpoint.resolve(.ssoAdmin, region: "eu-west-1", environment: [:])?.signingName == "sso")
        #expect(Endpoint.resolve(.cloudwatch, region: "eu-west-1", environment: [:])?.signingName == "monitoring")
        #expect(Endpoint.resolve(.iam, region: "us-isob-east-1", environment: [:]) == nil, "a partition not known is refused")
        #expect(Endpoint.resolve(.iam, region: "not a region", environment: [:]) == nil)
    }

    @Test func theEndpointVariablesComeFirst() {
        let env = ["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://127.0.0.1:6000"]
        #expect(Endpoint.resolve(.logs, region: "eu-west-1", environment: env)?.url == "http://127.0.0.1:6000")
        #expect(Endpoint.resolve(.iam, region: "eu-west-1", environment: env)?.url == "http://127.0.0.1:5000")
        var ignored = env
        ignored["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(Endpoint.resolve(.iam, region: "eu-west-1", environment: ignored)?.url == "https://iam.amazonaws.com")
    }
}
