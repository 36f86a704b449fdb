using VirtCrypt.Crypto;
using VirtCrypt.Errors;

namespace VirtCrypt.Migration;

/// <summary>
/// The key a run is given, checked before the job exists: a keyfile as it is now (it may have been emptied or
/// replaced since the key was made), a passphrase not empty and not yet disposed.
/// </summary>
internal static class KeySourceCheck
{
    internal const string Name = "key source";

    internal static PlanCheck Of(LuksKey key)
    {
        try
        {
            return key switch
            {
                LuksKey.KeyFileKey file => new PlanCheck(PlanCheckId.KeySource, Name, true, $"keyfile {file.Path}: {file.Check()} bytes"),
                LuksKey.PassphraseKey { Passphrase.Length: 0 } => new PlanCheck(PlanCheckId.KeySource, Name, false, "The passphrase is empty; an empty passphrase protects nothing."),
                _ => new PlanCheck(PlanCheckId.KeySource, Name, true, "a passphrase"),
            };
        }
        catch (VirtCryptException e)
        {
            return new PlanCheck(PlanCheckId.KeySource, Name, false, e.Message);
        }
        catch (ObjectDisposedException)
        {
            return new PlanCheck(PlanCheckId.KeySource, Name, false, "The passphrase was disposed before the run: keep it until the run ends.");
        }
    }

    /// <summary>Throws <see cref="MigrationRefusedException"/> when the key cannot be used; nothing has been changed then.</summary>
    internal static void Require(LuksKey key)
    {
        if (Of(key) is { Passed: false } failed)
        {
            throw new MigrationRefusedException([failed]);
        }
    }
}
