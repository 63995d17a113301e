import GitKit

/// The signer, resolved as git resolves a committer: `GIT_COMMITTER_NAME`/`GIT_COMMITTER_EMAIL`,
/// then `user.name`/`user.email` from git's configuration, then `EMAIL`.
public struct Identity: Equatable, Sendable {
    public let name: String
    public let email: String

    static func resolve(environment: [String: String], repository: Repository) throws(ContentError) -> Identity {
        func configured(_ key: String) throws(ContentError) -> String? {
            do {
                return try repository.configString(key)
            } catch {
                throw ContentError(error)
            }
        }
        let configuredEmail = try configured("user.email")
        let configuredName = try configured("user.name")
        let email = nonEmpty(environment["GIT_COMMITTER_EMAIL"]) ?? nonEmpty(configuredEmail) ?? nonEmpty(environment["EMAIL"])
        guard let email else {
            throw ContentError(.refused, "no git identity: set your email with git config user.email you@example.com")
        }
        let name = nonEmpty(environment["GIT_COMMITTER_NAME"]) ?? nonEmpty(configuredName) ?? email
        return Identity(name: name, email: email)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}
