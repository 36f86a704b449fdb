using System.Collections;

namespace VirtCrypt.Libvirt;

/// <summary>The domains of one listing. Disposing the list releases every domain in it, also those never looked at.</summary>
public sealed class DomainList : IReadOnlyList<Domain>, IDisposable
{
    private readonly List<Domain> domains;

    internal DomainList(List<Domain> domains) => this.domains = domains;

    /// <summary>The number of domains.</summary>
    public int Count => domains.Count;

    /// <summary>The domain at <paramref name="index"/>.</summary>
    public Domain this[int index] => domains[index];

    /// <inheritdoc/>
    public IEnumerator<Domain> GetEnumerator() => domains.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Releases every domain of the listing.</summary>
    public void Dispose()
    {
        foreach (var domain in domains)
        {
            domain.Dispose();
        }
    }
}
