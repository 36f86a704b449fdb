using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_TYPED_PARAM_FIELD_LENGTH = 80;

        // virTypedParameterType
        internal const int VIR_TYPED_PARAM_UINT = 2;
        internal const int VIR_TYPED_PARAM_ULLONG = 4;

        /// <summary>C <c>virTypedParameter</c>, the name/value pairs of libvirt's stats and job APIs.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virTypedParameter
        {
            internal fixed byte field[VIR_TYPED_PARAM_FIELD_LENGTH];
            internal int type;
            internal virTypedParameterValue value;
        }

        /// <summary>The C union inside <see cref="virTypedParameter"/>, selected by its type.</summary>
        [StructLayout(LayoutKind.Explicit)]
        internal struct virTypedParameterValue
        {
            [FieldOffset(0)] internal int i;
            [FieldOffset(0)] internal uint ui;
            [FieldOffset(0)] internal long l;
            [FieldOffset(0)] internal ulong ul;
            [FieldOffset(0)] internal double d;
            [FieldOffset(0)] internal byte b;
            [FieldOffset(0)] internal IntPtr s;
        }

        /// <summary>
        /// Appends a parameter, growing the array libvirt allocated (<paramref name="parameters"/> may move). Returns -1
        /// with libvirt's error set, the array unchanged, when the name is too long or already present.
        /// </summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsAddULLong(
            ref virTypedParameter* parameters, ref int nparams, ref int maxparams, string name, ulong value);

        /// <inheritdoc cref="virTypedParamsAddULLong"/>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsAddUInt(
            ref virTypedParameter* parameters, ref int nparams, ref int maxparams, string name, uint value);

        /// <summary>Returns 1 and the value when the named parameter exists with that type, 0 when it is absent, -1 on error.</summary>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsGetULLong(virTypedParameter* parameters, int nparams, string name, out ulong value);

        /// <inheritdoc cref="virTypedParamsGetULLong"/>
        [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virTypedParamsGetUInt(virTypedParameter* parameters, int nparams, string name, out uint value);

        /// <summary>Frees the strings inside the array and the array itself.</summary>
        [LibraryImport(Libraries.Libvirt)]
        internal static unsafe partial void virTypedParamsFree(virTypedParameter* parameters, int nparams);
    }
}
