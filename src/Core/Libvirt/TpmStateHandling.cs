namespace VirtCrypt.Libvirt;

/// <summary>What happens to an emulated TPM's state (kept by swtpm under the domain's UUID) in a clone.</summary>
internal enum TpmStateHandling
{
    /// <summary>The domain has no emulated TPM.</summary>
    None,

    /// <summary>The UUID stays (retarget), so the TPM state stays with the domain.</summary>
    Kept,

    /// <summary>The state directory is copied to the clone's UUID (<see cref="CloneResult.TpmStateCopy"/>).</summary>
    Copied,

    /// <summary>The clone starts with an empty TPM: secrets sealed to the source's TPM will not unseal in it.</summary>
    Lost,
}
