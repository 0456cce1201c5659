import AWSNative
import JSONFormat
import ProcessSupport
import SafeText
import SystemImports

/// The credentials the native client signs with, found as the CLI would find them; for a profile
/// whose credentials only the CLI resolves, the CLI is asked once to hand them over
/// (`aws configure export-credentials`, CLI v2), else the run goes through the CLI.
enum NativeCredentials {
    enum Found {
        case found(AWSCredentials, from: String)
        case cliOnly(String)
        case none(String)
    }

    static func find(profile: String?, environment: [String: String], cli: CLIReplies) -> Found {
        let chain = CredentialChain.resolve(profile: profile, environment: environment)
        // Nothing named and nothing found: a container's or the instance's role, as the SDKs look last.
        if case .none = chain, profile == nil, (environment["AWS_PROFILE"] ?? "").isEmpty,
           let (credentials, from) = RemoteCredentials.find(environment: environment) {
            return .found(credentials, from: from)
        }
        return resolve(chain, environment: environment, cli: cli)
    }

    static func resolve(_ chain: CredentialChain.Found, environment: [String: String], cli: CLIReplies) -> Found {
        switch chain {
        case .credentials(let credentials, let from):
            return .found(credentials, from: from)
        case .process(let name, let command):
            switch CredentialProcess.run(command, environment: environment, timeout: cli.timeout, cancelled: cli.cancelled) {
            case .success(let credentials): return .found(credentials, from: "the credential_process of profile \(name)")
            case .failure(let reason): return .none("profile \(name): \(reason)")
            }
        case .webIdentity(let name, let arn, let tokenFile, let sessionName):
            // The token is a file a platform refreshes (EKS, a CI's OIDC token): read each run, kept in memory.
            guard let data = SafeFileRead.contents(of: URL(fileURLWithPath: tokenFile), limit: 64 * 1024),
                  case let token = String(decoding: data, as: UTF8.self).trimmingWhitespace(), !token.isEmpty else {
                return .none("the web identity token file of \(name) cannot be read: \(tokenFile)")
            }
            let arguments = ["sts", "assume-role-with-web-identity", "--role-arn", arn, "--role-session-name",
                             sessionName ?? "root-checklist-\(Int(Date().timeIntervalSince1970))", "--web-identity-token", token]
            // Unsigned: the token is the proof, so no credentials sign the call.
            let client = NativeClient(credentials: AWSCredentials(accessKeyID: "", secretAccessKey: ""), environment: environment,
                                      timeout: cli.timeout, cancelled: cli.cancelled)
            let region = CredentialChain.region(profile: name == "the environment" ? nil : name, environment: environment) ?? "us-east-1"
            guard case .success(let reply) = client.call(arguments, region: region),
                  let object = reply.object?["Credentials"]?.object, let key = object["AccessKeyId"]?.string,
                  let secret = object["SecretAccessKey"]?.string else {
                return .none("\(name) could not assume \(arn) with its web identity token")
            }
            return .found(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"]?.string),
                          from: "role \(arn) with a web identity token (\(name))")
        case .sso(let sso):
            switch SSOCredentials.fetch(sso, environment: environment, timeout: cli.timeout) {
            case .success(let credentials): return .found(credentials, from: "IAM Identity Center (profile \(sso.profile), role \(sso.roleName))")
            // The CLI may refresh an expired sign-in (an sso-session keeps a refresh token); it says what to do if not.
            case .failure(let failure): return cli.executable == nil ? .none(failure.message) : .cliOnly(failure.message)
            }
        case .role(let name, let arn, let sessionName, let externalID, let duration, let source):
            guard case .found(let sourceCredentials, _) = resolve(source, environment: environment, cli: cli) else {
                return resolve(source, environment: environment, cli: cli)
            }
            var arguments = ["sts", "assume-role", "--role-arn", arn, "--role-session-name",
                             sessionName ?? "root-checklist-\(Int(Date().timeIntervalSince1970))"]
            if let externalID { arguments += ["--external-id", externalID] }
            if let duration { arguments += ["--duration-seconds", duration] }
            let client = NativeClient(credentials: sourceCredentials, environment: environment, timeout: cli.timeout, cancelled: cli.cancelled)
            let region = CredentialChain.region(profile: name, environment: environment) ?? "us-east-1"
            guard case .success(let reply) = client.call(arguments, region: region),
                  let object = reply.object?["Credentials"]?.object, let key = object["AccessKeyId"]?.string,
                  let secret = object["SecretAccessKey"]?.string else {
                return .none("profile \(name) could not assume \(arn)")
            }
            return .found(AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"]?.string),
                          from: "role \(arn) of profile \(name)")
        case .needsCLI(let name, let setting):
            if let exported = export(profile: name, cli: cli) { return .found(exported, from: "the AWS CLI (profile \(name) uses \(setting))") }
            return .cliOnly("profile \(name) uses \(setting), which only the CLI reads")
        case .none(let reason):
            // The CLI may still find some (a container's or the instance's); it says so if not.
            return cli.executable == nil ? .none(reason) : .cliOnly(reason)
        }
    }

    static func region(profile: String?, environment: [String: String]) -> String? {
        CredentialChain.region(profile: profile, environment: environment)
    }

    /// `aws configure export-credentials --format process`: the resolved credentials as JSON on
    /// stdout, read in memory and never kept. nil when the CLI has no such command (v1) or fails.
    static func export(profile: String, cli: CLIReplies) -> AWSCredentials? {
        guard let executable = cli.executable else { return nil }
        var env = cli.environment
        env["AWS_PAGER"] = ""
        guard case .exited(0, let stdout, _) = ProcessRunner.run(executable, arguments: ["configure", "export-credentials", "--profile", profile,
                                                                                         "--format", "process"],
                                                                   environment: env, timeout: cli.timeout, errorLimit: 4096, cancelled: cli.cancelled),
              let object = (try? JSONParser.parse(stdout))?.object,
              let key = object["AccessKeyId"]?.string, let secret = object["SecretAccessKey"]?.string else { return nil }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: object["SessionToken"]?.string)
    }
}
