/// What a reviewer's record says about the text.
public enum SignoffMeaning: String, Sendable, CaseIterable {
    /// Read and found correct; satisfies the role.
    case reviewed
    /// Approved for use; satisfies the role.
    case approved
    /// Not acceptable as it stands; the comment says why. Does not satisfy the role.
    case changesRequested = "changes-requested"
    /// Withdraws an earlier record of the same reviewer; the comment gives the reason.
    case revoked

    /// Whether a record with this meaning counts as the role's sign-off.
    public var satisfiesRole: Bool { self == .reviewed || self == .approved }
}
