using VirtCrypt.Crypto;
using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;
using VirtCrypt.Tests.Integration.Support;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>
/// What every migration scenario stands on, inside the test host: a work directory holding the passphrase file, a
/// loop-backed volume group, the libvirt and LVM connections, a job store and the service over them. Torn down
/// completely: domains (with their NVRAM and TPM state), mappings, the volume group, the work directory.
/// </summary>
internal sealed class ScenarioStack : IAsyncDisposable
{
    private readonly LoopDevice loop;
    private readonly string volumeGroupName;

    private ScenarioStack(string work, LoopDevice loop, string volumeGroupName, VolumeGroup group, Hypervisor hypervisor, LvmHost lvm)
    {
        Work = work;
        this.loop = loop;
        this.volumeGroupName = volumeGroupName;
        Group = group;
        Hypervisor = hypervisor;
        Lvm = lvm;
        Jobs = new JobStore(Path.Combine(work, "jobs"));
        Service = new MigrationService(hypervisor, lvm, Jobs);
        File.WriteAllText(PassphraseFile, MigrationScenario.Passphrase + "\n");
    }

    internal string Work { get; }

    internal VolumeGroup Group { get; }

    internal Hypervisor Hypervisor { get; }

    internal LvmHost Lvm { get; }

    internal JobStore Jobs { get; }

    internal MigrationService Service { get; }

    internal string PassphraseFile => Path.Combine(Work, "passphrase");

    /// <summary>The image file under the volume group's loop device.</summary>
    internal string VolumeGroupImage => loop.ImagePath;

    internal static async Task<ScenarioStack> CreateAsync(string workPrefix, string volumeGroupName, long volumeGroupBytes)
    {
        TestHost.Require();
        var work = Directory.CreateTempSubdirectory(workPrefix).FullName;
        var loop = LoopDevice.Create(volumeGroupBytes);
        var lvm = new LvmHost();
        var group = await lvm.CreateVolumeGroupAsync(volumeGroupName, [loop.DevicePath]);
        return new ScenarioStack(work, loop, volumeGroupName, group, Hypervisor.Connect(), lvm);
    }

    /// <summary>
    /// Waits until <paramref name="when"/> holds while <paramref name="cli"/> runs, then SIGKILLs it after
    /// <paramref name="delay"/>; fails the test when it ends (or 3 minutes pass) first.
    /// </summary>
    internal static async Task KillWhenAsync(VirtcryptProcess cli, Func<bool> when, TimeSpan delay, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (DateTime.UtcNow < deadline && !cli.Process.HasExited)
        {
            if (when())
            {
                await Task.Delay(delay);
                cli.Process.Kill();
                await cli.Process.WaitForExitAsync();
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"virtcrypt never got {what} (exited: {cli.Process.HasExited}): {cli.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        using (var domains = Hypervisor.ListDomains())
        {
            foreach (var domain in domains)
            {
                if (domain.IsActive)
                {
                    domain.Destroy();
                }

                var tpmState = SwtpmState.DirectoryOf(domain.Uuid);
                domain.Undefine(NvramHandling.Remove);
                if (Directory.Exists(tpmState))
                {
                    Directory.Delete(tpmState, recursive: true);
                }
            }
        }

        foreach (var mapping in Directory.GetFiles("/dev/mapper", "cr_*"))
        {
            await LuksVolume.CloseAsync(Path.GetFileName(mapping));
        }

        ExternalTool.Run("lvm", "vgremove", "-qq", "--force", volumeGroupName);
        Lvm.Dispose();
        Hypervisor.Dispose();
        loop.Dispose();
        Directory.Delete(Work, recursive: true);
    }
}
