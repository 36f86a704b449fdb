using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using VirtCrypt.Errors;

namespace VirtCrypt.Tests.Unit.PublicApi;

/// <summary>
/// The rules of the public API (docs/architecture.md, "The public API"), each a check over a set of public types that
/// returns one line per violation naming the member.
/// </summary>
internal static class PublicApiRules
{
    private const BindingFlags PublicMembers =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>No public type, base type, interface or member signature names a type of <paramref name="internalAssembly"/>.</summary>
    internal static IEnumerable<string> NamesTypesOf(Assembly internalAssembly, IEnumerable<Type> types)
    {
        bool FromIt(Type t) => Mentioned(t).Any(m => m.Assembly == internalAssembly);
        foreach (var type in types)
        {
            if (type.Assembly == internalAssembly || (type.BaseType is { } b && FromIt(b)) || type.GetInterfaces().Any(FromIt))
            {
                yield return $"{type.FullName}: is or derives from an internal type";
            }

            foreach (var member in type.GetMembers(PublicMembers))
            {
                if (Signature(member).Any(FromIt))
                {
                    yield return $"{type.FullName}.{member.Name}: its signature names a type of {internalAssembly.GetName().Name}";
                }
            }
        }
    }

    /// <summary>Every public method that returns a task or an async stream takes a <see cref="CancellationToken"/>.</summary>
    internal static IEnumerable<string> AsyncWithoutCancellation(IEnumerable<Type> types) =>
        from type in types
        from method in type.GetMethods(PublicMembers)
        where IsAsync(method.ReturnType) && method.Name != nameof(IAsyncDisposable.DisposeAsync)
        where !method.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken))
        select $"{type.FullName}.{method.Name}: async without a CancellationToken";

    /// <summary>
    /// No public field or property of a mutable collection type (an array, or anything that is an
    /// <see cref="ICollection{T}"/> or <see cref="IList"/>), and no public setter of any collection type other than
    /// an init-only one.
    /// </summary>
    internal static IEnumerable<string> SettableCollections(IEnumerable<Type> types)
    {
        foreach (var type in types)
        {
            foreach (var field in type.GetFields(PublicMembers).Where(f => IsCollection(f.FieldType)))
            {
                if (IsMutableCollection(field.FieldType) || !field.IsInitOnly)
                {
                    yield return $"{type.FullName}.{field.Name}: a public collection field";
                }
            }

            foreach (var property in type.GetProperties(PublicMembers).Where(p => IsCollection(p.PropertyType)))
            {
                if (IsMutableCollection(property.PropertyType))
                {
                    yield return $"{type.FullName}.{property.Name}: a public mutable collection ({property.PropertyType.Name})";
                }
                else if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                {
                    yield return $"{type.FullName}.{property.Name}: a public setter of a collection";
                }
            }
        }
    }

    /// <summary>A public record's properties are set when it is made (init) and never after.</summary>
    internal static IEnumerable<string> RecordSetters(IEnumerable<Type> types) =>
        from type in types
        where type.GetMethod("<Clone>$") is not null || IsRecordStruct(type)
        from property in type.GetProperties(PublicMembers)
        where property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter)
        select $"{type.FullName}.{property.Name}: a public setter on a record";

    /// <summary>Every public exception derives from <see cref="VirtCryptException"/>.</summary>
    internal static IEnumerable<string> ForeignExceptions(IEnumerable<Type> types) =>
        from type in types
        where typeof(Exception).IsAssignableFrom(type) && !typeof(VirtCryptException).IsAssignableFrom(type)
        select $"{type.FullName}: an exception that does not derive from VirtCryptException";

    private static bool IsAsync(Type t) =>
        typeof(Task).IsAssignableFrom(t) || t == typeof(ValueTask) ||
        (t.IsGenericType && t.GetGenericTypeDefinition() is var d && (d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>)));

    private static bool IsCollection(Type t) => t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t);

    // The immutable collections implement IList and ICollection<T> with members that throw.
    private static bool IsMutableCollection(Type t) =>
        t.IsArray ||
        (t.Namespace != "System.Collections.Immutable" &&
         (typeof(IList).IsAssignableFrom(t) ||
          (t.IsInterface ? [t, .. t.GetInterfaces()] : t.GetInterfaces())
             .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))));

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    // A record struct has a compiler-generated PrintMembers; so has a record class, found above by its <Clone>$.
    private static bool IsRecordStruct(Type type) =>
        type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is { } m &&
        m.IsDefined(typeof(CompilerGeneratedAttribute));

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        MethodBase method => method.GetParameters().Select(p => p.ParameterType)
            .Concat(method is MethodInfo m ? [m.ReturnType] : []),
        PropertyInfo property => [property.PropertyType],
        FieldInfo field => [field.FieldType],
        EventInfo e => [e.EventHandlerType!],
        _ => [],
    };

    // The type itself, its element type and its generic arguments, all the way down.
    private static IEnumerable<Type> Mentioned(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Mentioned(type.GetElementType()!))
            {
                yield return t;
            }
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            foreach (var t in Mentioned(argument))
            {
                yield return t;
            }
        }
    }
}
