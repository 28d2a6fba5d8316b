using System;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

/// <summary>Writes what goes around a generated class: its namespace, and a partial declaration of each containing type.</summary>
internal static class TypeNesting
{
    public static void Write(IndentedTextWriter writer, string? ns, EquatableArray<ContainingType> containingTypes, Action writeClass)
    {
        if (ns is null)
        {
            WriteContainingTypes(writer, containingTypes, 0, writeClass);
            return;
        }

        using (writer.WriteBlock($"namespace {ns}"))
        {
            WriteContainingTypes(writer, containingTypes, 0, writeClass);
        }
    }

    private static void WriteContainingTypes(IndentedTextWriter writer, EquatableArray<ContainingType> containingTypes, int depth, Action writeClass)
    {
        if (depth == containingTypes.Count)
        {
            writeClass();
            return;
        }

        ContainingType container = containingTypes[depth];
        using (writer.WriteBlock($"partial {container.Keyword} {container.Name}"))
        {
            WriteContainingTypes(writer, containingTypes, depth + 1, writeClass);
        }
    }
}
