using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Flows.Host.Plugins.Confinement;

/// <summary>
/// Linux's Landlock: a process restricts itself to a list of paths, and nothing it starts afterwards
/// can undo it. Best effort per kernel: the rights handled are those the kernel's Landlock version
/// knows (as in the kernel's own sample), so an older kernel still confines what it can.
/// </summary>
internal static class Landlock
{
    /// <summary>The kernel's Landlock version (ABI); 0 when it has none, it is disabled, or this is not Linux.</summary>
    public static int AbiVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var version = LinuxInterop.CreateRuleset(LinuxInterop.LandlockCreateRuleset, 0, 0, LinuxInterop.LandlockCreateRulesetVersion);
        return version > 0 ? (int)version : 0;
    }

    /// <summary>The filesystem rights a kernel of <paramref name="abi"/> can handle.</summary>
    public static LandlockAccess HandledAccess(int abi)
    {
        var handled = LandlockAccess.Execute | LandlockAccess.WriteFile | LandlockAccess.ReadFile | LandlockAccess.ReadDir
            | LandlockAccess.RemoveDir | LandlockAccess.RemoveFile | LandlockAccess.MakeChar | LandlockAccess.MakeDir
            | LandlockAccess.MakeReg | LandlockAccess.MakeSock | LandlockAccess.MakeFifo | LandlockAccess.MakeBlock | LandlockAccess.MakeSym;
        if (abi >= 2)
        {
            handled |= LandlockAccess.Refer;
        }

        if (abi >= 3)
        {
            handled |= LandlockAccess.Truncate;
        }

        if (abi >= 5)
        {
            handled |= LandlockAccess.IoctlDev;
        }

        return handled;
    }

    /// <summary>The scopes a kernel of <paramref name="abi"/> can enforce.</summary>
    public static LandlockScope Scopes(int abi) =>
        abi >= 6 ? LandlockScope.Signal | LandlockScope.AbstractUnixSocket : LandlockScope.None;

    /// <summary>
    /// Restricts the calling thread (and whatever it starts or executes from now on) to
    /// <paramref name="rules"/>; the network is left open. Other threads that already run are not
    /// restricted: the caller executes a new program afterwards, which starts with this thread's
    /// restrictions only. Throws <see cref="Win32Exception"/> when the kernel refuses.
    /// </summary>
    public static void RestrictThisThread(int abi, IEnumerable<LandlockRule> rules)
    {
        var handled = HandledAccess(abi);
        var attr = new LinuxInterop.RulesetAttr { HandledAccessFs = (ulong)handled, Scoped = (ulong)Scopes(abi) };
        var ruleset = (int)LinuxInterop.CreateRuleset(LinuxInterop.LandlockCreateRuleset, ref attr, (nuint)Marshal.SizeOf<LinuxInterop.RulesetAttr>(), 0);
        if (ruleset < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "landlock_create_ruleset failed");
        }

        try
        {
            foreach (var rule in rules)
            {
                Add(ruleset, rule, handled);
            }

            // Required for an unprivileged process, and it keeps an executed program from gaining rights.
            if (LinuxInterop.Prctl(LinuxInterop.PrSetNoNewPrivs, 1, 0, 0, 0) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "prctl(PR_SET_NO_NEW_PRIVS) failed");
            }

            if (LinuxInterop.RestrictSelf(LinuxInterop.LandlockRestrictSelf, ruleset, 0) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "landlock_restrict_self failed");
            }
        }
        finally
        {
            _ = LinuxInterop.Close(ruleset);
        }
    }

    private static void Add(int ruleset, LandlockRule rule, LandlockAccess handled)
    {
        var fd = LinuxInterop.Open(rule.Path, LinuxInterop.OPath | LinuxInterop.OCloexec);
        if (fd < 0)
        {
            // Optional system files (gai.conf, lib64, …) are not on every machine.
            return;
        }

        try
        {
            var access = rule.Access & handled;
            if (!Directory.Exists(rule.Path))
            {
                access &= LandlockAccess.FileRights;
            }

            if (access == LandlockAccess.None)
            {
                return;
            }

            var beneath = new LinuxInterop.PathBeneathAttr { AllowedAccess = (ulong)access, ParentFd = fd };
            if (LinuxInterop.AddRule(LinuxInterop.LandlockAddRule, ruleset, LinuxInterop.LandlockRulePathBeneath, ref beneath, 0) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), $"landlock_add_rule failed for {rule.Path}");
            }
        }
        finally
        {
            _ = LinuxInterop.Close(fd);
        }
    }
}
