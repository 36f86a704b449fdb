using System.Xml.Linq;

namespace VirtCrypt.Libvirt;

/// <summary>
/// Edits of a whitespace-preserving XML tree that keep its indentation, so a diff of an edited domain definition
/// shows only the lines that really changed.
/// </summary>
internal static class XmlEdit
{
    /// <summary>Removes <paramref name="element"/> together with the indentation in front of it.</summary>
    internal static void Remove(XElement element)
    {
        if (element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value))
        {
            text.Remove();
        }

        element.Remove();
    }

    /// <summary>Inserts <paramref name="added"/> right after <paramref name="anchor"/>, indented like it.</summary>
    internal static void InsertAfter(XElement anchor, XElement added) => anchor.AddAfterSelf(Indentation(anchor), added);

    /// <summary>Inserts <paramref name="added"/> right before <paramref name="anchor"/>, indented like it.</summary>
    internal static void InsertBefore(XElement anchor, XElement added) => anchor.AddBeforeSelf(added, Indentation(anchor));

    /// <summary>Adds <paramref name="added"/> as the first child element of <paramref name="parent"/>.</summary>
    internal static void Prepend(XElement parent, XElement added)
    {
        if (parent.Elements().FirstOrDefault() is { } first)
        {
            InsertBefore(first, added);
        }
        else
        {
            parent.Add(added);
        }
    }

    /// <summary>Adds <paramref name="added"/> as the last child element of <paramref name="parent"/>.</summary>
    internal static void Append(XElement parent, XElement added)
    {
        if (parent.Elements().LastOrDefault() is { } last)
        {
            InsertAfter(last, added);
        }
        else
        {
            parent.Add(added);
        }
    }

    /// <summary>Sets an attribute, or removes it when <paramref name="value"/> is null.</summary>
    internal static void SetAttribute(XElement element, string name, string? value) => element.SetAttributeValue(name, value);

    private static XText Indentation(XElement element) =>
        new(element.PreviousNode is XText text && string.IsNullOrWhiteSpace(text.Value) ? text.Value : "");
}
