namespace Flows.Host.Accounts;

/// <summary>Why an edit was not saved although nothing was wrong with its values.</summary>
public enum AccountConflict
{
    None,

    /// <summary>The account was deleted after it was opened; it was not re-created.</summary>
    Deleted,

    /// <summary>The account was saved by someone else after it was opened; nothing was overwritten.</summary>
    Changed,
}

/// <summary>What the user is told about a conflict, the same on every screen and in the CLI.</summary>
public static class AccountConflicts
{
    public const string Deleted =
        "This account was deleted since you opened it, so nothing was saved (and it was not re-created). Add it again if it is still needed.";

    public const string Changed =
        "This account was changed since you opened it, so nothing was saved (your changes would have overwritten the newer ones). " +
        "Open it again to see the current values, then make your change.";

    public const string ChangedWhileChecking =
        "This account was changed while it was being checked, so the result was not recorded (it is about values that are no longer stored). Check it again.";
}
