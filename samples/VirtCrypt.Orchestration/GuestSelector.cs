using System.Text.RegularExpressions;
using VirtCrypt.Libvirt;

namespace VirtCrypt.Orchestration;

/// <summary>Picks the shut-off, persistent domains whose whole name matches a glob (<c>*</c>, <c>?</c>) or a regular expression.</summary>
internal sealed class GuestSelector
{
    private readonly Regex pattern;

    internal GuestSelector(string pattern, bool isRegex)
    {
        var expression = isRegex ? pattern : Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        this.pattern = new Regex($"^(?:{expression})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The matching domains' names, sorted; running or transient ones are left out.</summary>
    internal IReadOnlyList<string> Select(Hypervisor hypervisor)
    {
        var names = new List<string>();
        using var domains = hypervisor.ListDomains();
        foreach (var domain in domains)
        {
            if (pattern.IsMatch(domain.Name) && domain.State == DomainState.ShutOff && domain.IsPersistent)
            {
                names.Add(domain.Name);
            }
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }
}
