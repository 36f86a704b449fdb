using System.Threading.Channels;

namespace VirtCrypt.Libvirt;

/// <summary>Block job events, subscribed to on this connection when the first handler is added.</summary>
public sealed partial class Hypervisor
{
    private readonly Lock blockJobGate = new();
    private EventHandler<BlockJobEventArgs>? blockJob;
    private Channel<BlockJobEventArgs>? blockJobEvents;
    private int blockJobCallbackId = -1;

    /// <summary>
    /// Raised, in libvirt's order, for every block job event on this connection (on a worker thread): a copy became
    /// ready, was pivoted, failed or was aborted. The disk is named by its target, which a pivot does not change.
    /// </summary>
    /// <exception cref="Errors.VirtCryptException">Adding a handler: libvirt refused the subscription.</exception>
    internal event EventHandler<BlockJobEventArgs>? BlockJob
    {
        add
        {
            lock (blockJobGate)
            {
                SubscribeToBlockJobs();
                blockJob += value;
            }
        }

        remove
        {
            lock (blockJobGate)
            {
                blockJob -= value;
            }
        }
    }

    private void SubscribeToBlockJobs()
    {
        if (blockJobEvents is not null)
        {
            return;
        }

        var channel = Channel.CreateUnbounded<BlockJobEventArgs>(new UnboundedChannelOptions { SingleReader = true });
        blockJobCallbackId = LibvirtProxy.SubscribeBlockJobs(connection, Uri, native => channel.Writer.TryWrite(new BlockJobEventArgs(
            native.DomainName,
            Guid.TryParse(native.DomainUuid, out var uuid) ? uuid : Guid.Empty,
            native.Disk,
            (BlockJobType)native.Type,
            (BlockJobStatus)native.Status)));
        blockJobEvents = channel;
        _ = Task.Run(() => DispatchBlockJobsAsync(channel.Reader));
    }

    /// <summary>Hands events on from libvirt's event thread, which must never wait for a handler.</summary>
    private async Task DispatchBlockJobsAsync(ChannelReader<BlockJobEventArgs> reader)
    {
        await foreach (var item in reader.ReadAllAsync().ConfigureAwait(false))
        {
            LibvirtLog.BlockJobEvent(logger, item);
            try
            {
                Volatile.Read(ref blockJob)?.Invoke(this, item);
            }
#pragma warning disable CA1031 // A failing subscriber must not stop delivery to the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LibvirtLog.BlockJobHandlerFailed(logger, e);
            }
        }
    }

    private void StopBlockJobEvents()
    {
        lock (blockJobGate)
        {
            if (blockJobEvents is null)
            {
                return;
            }

            LibvirtProxy.Unsubscribe(connection, blockJobCallbackId);

            blockJobEvents.Writer.TryComplete();
        }
    }
}
