using VirtCrypt.Libvirt;
using VirtCrypt.Migration;
using VirtCrypt.Migration.Journal;
using VirtCrypt.Storage;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>A scenario standing on a <see cref="ScenarioStack"/>: its connections, job store and service, and its teardown.</summary>
internal abstract class StackedScenario(ScenarioStack stack) : IAsyncDisposable
{
    internal string Work => stack.Work;

    internal Hypervisor Hypervisor => stack.Hypervisor;

    internal LvmHost Lvm => stack.Lvm;

    internal JobStore Jobs => stack.Jobs;

    internal MigrationService Service => stack.Service;

    internal string PassphraseFile => stack.PassphraseFile;

    protected ScenarioStack Stack => stack;

    public ValueTask DisposeAsync() => stack.DisposeAsync();
}
