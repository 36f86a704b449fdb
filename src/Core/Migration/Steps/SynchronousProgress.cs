namespace VirtCrypt.Migration.Steps;

/// <summary>Reports on the reporting thread, in order (<see cref="Progress{T}"/> posts to the thread pool and may reorder).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
