using System.Runtime.InteropServices;

namespace VirtCrypt.Interop;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_TYPED_PARAM_FIELD_LENGTH = 80;

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
    }
}
