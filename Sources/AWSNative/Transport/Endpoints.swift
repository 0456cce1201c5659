import SystemImports

/// The services the checks and fixes call, with the names the SDKs give them.
public enum AWSService: String, CaseIterable, Sendable {
    case sts, iam, organizations, account, ssoAdmin = "sso-admin", identitystore, cloudtrail, logs, cloudwatch, sns, events

    /// The first label of its host name, and the name it signs with.
    var endpointPrefix: String {
        switch self {
        case .ssoAdmin: "sso"
        case .cloudwatch: "monitoring"
        default: rawValue
        }
    }

    /// `AWS_ENDPOINT_URL_<this>`: its service id in upper snake case, as the SDKs spell it.
    var environmentSuffix: String {
        switch self {
        case .ssoAdmin: "SSO_ADMIN"
        case .logs: "CLOUDWATCH_LOGS"
        case .events: "EVENTBRIDGE"
        default: rawValue.uppercased()
        }
    }

    /// IAM, Organizations and the Account API live in one Region of a partition.
    func home(_ partition: Partition) -> String? {
        switch (self, partition) {
        case (.iam, .aws), (.organizations, .aws), (.account, .aws): "us-east-1"
        // The Account API is Regional in GovCloud (botocore's rules, held by a test).
        case (.iam, .usGov), (.organizations, .usGov): "us-gov-west-1"
        case (.iam, .china): "cn-north-1"
        case (.organizations, .china), (.account, .china): "cn-northwest-1"
        default: nil
        }
    }
}

/// The partitions the client signs for; a Region outside them is refused, not guessed.
public enum Partition: String, Sendable {
    case aws, usGov = "aws-us-gov", china = "aws-cn"

    init?(region: String) {
        guard region.count <= 30, region.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }),
              region.split(separator: "-").count >= 3 else { return nil }
        if region.hasPrefix("cn-") { self = .china } else if region.hasPrefix("us-gov-") { self = .usGov }
        else if region.hasPrefix("us-iso") || region.hasPrefix("eu-isoe-") { return nil } else { self = .aws }
    }

    var dnsSuffix: String { self == .china ? "amazonaws.com.cn" : "amazonaws.com" }
}

/// Where a call goes and how it is signed, as the SDKs resolve it: Regional endpoints (STS too,
/// which AssumeRoot needs), the partition's home Region for IAM, Organizations and the Account API,
/// and `AWS_ENDPOINT_URL_<SERVICE>` then `AWS_ENDPOINT_URL` before any of that.
public struct Endpoint: Equatable, Sendable {
    public var url: String
    public var signingRegion: String
    public var signingName: String

    public init(url: String, signingRegion: String, signingName: String) {
        self.url = url
        self.signingRegion = signingRegion
        self.signingName = signingName
    }

    public static func resolve(_ service: AWSService, region: String, environment: [String: String]) -> Endpoint? {
        guard let partition = Partition(region: region) else { return nil }
        let home = service.home(partition)
        let signingRegion = home ?? region
        let ignoreConfigured = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignoreConfigured, let configured = environment["AWS_ENDPOINT_URL_" + service.environmentSuffix] ?? environment["AWS_ENDPOINT_URL"],
           !configured.isEmpty {
            return Endpoint(url: configured, signingRegion: region, signingName: service.endpointPrefix)
        }
        let host: String
        switch (service, partition) {
        case (.iam, .aws): host = "iam.amazonaws.com"
        case (.iam, .usGov): host = "iam.us-gov.amazonaws.com"
        default: host = "\(service.endpointPrefix).\(signingRegion).\(partition.dnsSuffix)"
        }
        return Endpoint(url: "https://" + host, signingRegion: signingRegion, signingName: service.endpointPrefix)
    }
}
