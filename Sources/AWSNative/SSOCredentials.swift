import Crypto
import JSONFormat
import SafeText
import SystemImports

/// A profile of IAM Identity Center: the account and role it signs in to, and the session whose
/// token `aws sso login` keeps in `~/.aws/sso/cache`.
public struct SSOProfile: Sendable, Equatable {
    public var profile: String
    public var accountID: String
    public var roleName: String
    public var region: String
    public var startURL: String
    /// `[sso-session NAME]`; nil for a profile of the older form (the start URL in the profile).
    public var session: String?

    static func read(profile: String, settings: [String: String], environment: [String: String]) -> SSOProfile? {
        guard let account = settings["sso_account_id"], let role = settings["sso_role_name"] else { return nil }
        if let session = settings["sso_session"] {
            let configFile = environment["AWS_CONFIG_FILE"] ?? (environment["HOME"] ?? "") + "/.aws/config"
            guard let section = IniFile.read(configFile)?["sso-session " + session],
                  let region = section["sso_region"], let start = section["sso_start_url"] else { return nil }
            return SSOProfile(profile: profile, accountID: account, roleName: role, region: region, startURL: start, session: session)
        }
        guard let region = settings["sso_region"], let start = settings["sso_start_url"] else { return nil }
        return SSOProfile(profile: profile, accountID: account, roleName: role, region: region, startURL: start, session: nil)
    }

    /// The cached token's file: named by the SHA-1 of the session name (or, for the older form, of the start URL).
    func cacheFile(environment: [String: String]) -> URL {
        let hex = SigV4.hex(Insecure.SHA1.hash(data: Array((session ?? startURL).utf8)))
        return URL(fileURLWithPath: (environment["HOME"] ?? "") + "/.aws/sso/cache/" + hex + ".json")
    }
}

/// The role's credentials from the IAM Identity Center portal (`GetRoleCredentials`), with the
/// access token the CLI cached at `aws sso login`. An expired or missing token is said as such:
/// the operator signs in again (the CLI, which may refresh it, is the fallback).
public enum SSOCredentials {
    public static func fetch(_ profile: SSOProfile, environment: [String: String], timeout: TimeInterval,
                             now: Date = Date()) -> Result<AWSCredentials, NativeFailure> {
        fetch(profile, environment: environment, timeout: timeout, now: now, transport: CurlTransport.shared)
    }

    static func fetch(_ profile: SSOProfile, environment: [String: String], timeout: TimeInterval, now: Date,
                      transport: any HTTPTransport) -> Result<AWSCredentials, NativeFailure> {
        let login = "run aws sso login --profile \(profile.profile)"
        guard let data = SafeFileRead.contents(of: profile.cacheFile(environment: environment), limit: 1 << 20),
              let cached = (try? JSONParser.parse(data))?.object, let token = cached["accessToken"]?.string, !token.isEmpty else {
            return .failure(NativeFailure(.unsupported, "no IAM Identity Center sign-in is cached for profile \(profile.profile): \(login)"))
        }
        guard let expires = cached["expiresAt"]?.string.flatMap(CLITimestamp.parse), expires > now.timeIntervalSince1970 + 60 else {
            return .failure(NativeFailure(.unsupported, "the IAM Identity Center sign-in of profile \(profile.profile) has expired: \(login)"))
        }
        let base = environment["AWS_ENDPOINT_URL_SSO"].flatMap { $0.isEmpty ? nil : $0 }?.trimmingSuffix("/")
            ?? "https://portal.sso.\(profile.region).\(Partition(region: profile.region)?.dnsSuffix ?? "amazonaws.com")"
        let query = "account_id=" + SigV4.encode(profile.accountID) + "&role_name=" + SigV4.encode(profile.roleName)
        let request = SignableRequest(method: "GET", path: "/federation/credentials", headers: [("x-amz-sso_bearer_token", token)])
        switch transport.send(request, url: base + "/federation/credentials?" + query, timeout: timeout, cancelled: { false }) {
        case .failure(let failure): return .failure(failure)
        case .success(let reply):
            guard (200..<300).contains(reply.status) else {
                let failure = NativeClient.serviceError(reply.status, reply.body)
                return .failure(NativeFailure(.service, status: reply.status, code: failure.code,
                                              "IAM Identity Center refused the role \(profile.roleName) in \(profile.accountID) (\(failure.code ?? "HTTP \(reply.status)")): \(login)"))
            }
            guard let role = (try? JSONParser.parse(Data(reply.body)))?.object?["roleCredentials"]?.object,
                  let key = role["accessKeyId"]?.string, let secret = role["secretAccessKey"]?.string else {
                return .failure(NativeFailure(.malformed, "IAM Identity Center gave no role credentials"))
            }
            return .success(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: role["sessionToken"]?.string))
        }
    }
}
