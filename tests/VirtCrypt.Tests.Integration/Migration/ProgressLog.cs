using VirtCrypt.Migration;

namespace VirtCrypt.Tests.Integration.Migration;

/// <summary>Progress as the service reports it, synchronously on the step's thread.</summary>
internal sealed class ProgressLog(Action<MigrationProgress>? onReport = null) : IProgress<MigrationProgress>
{
    private readonly List<string> messages = [];

    internal IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages)
            {
                return [.. messages];
            }
        }
    }

    public void Report(MigrationProgress value)
    {
        lock (messages)
        {
            messages.Add(value.Message);
        }

        onReport?.Invoke(value);
    }
}
