using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    internal static partial class HostileSamples
    {
        public static Sample Render(HostileFile file)
        {
            var text = new StringBuilder();
            text.Append("// A hostile sample for the Backprop generator.\nusing System;\nusing Backprop;\n\n");
            if (file.AssemblyAttribute.Length > 0)
            {
                text.Append(file.AssemblyAttribute).Append("\n\n");
            }

            if (file.FileScopedNamespace is not null)
            {
                text.Append("namespace ").Append(file.FileScopedNamespace).Append(";\n\n");
            }

            var units = ImmutableArray.CreateBuilder<RenderedUnit>();
            var additionalTexts = ImmutableArray.CreateBuilder<AdditionalText>();
            for (int i = 0; i < file.Units.Length; i++)
            {
                Unit unit = WithWeights(file.Units[i], i);
                if (unit.Weights is { WithFile: true } weights && WeightsFile(unit) is { } json)
                {
                    additionalTexts.Add(new InMemoryAdditionalText("/project/Models/" + weights.Characters, json));
                }

                int start = text.Length;
                string? ns = file.FileScopedNamespace is null ? unit.BlockNamespace?.Replace("{i}", Index(i), StringComparison.Ordinal) : null;
                string? namespaceName = PlainName(file.FileScopedNamespace ?? ns);
                RenderUnit(text, unit, i, ns);
                units.Add(new RenderedUnit(
                    i,
                    unit,
                    start,
                    text.Length,
                    HintName(namespaceName, unit, i),
                    unit.Base.IsNetwork ? Prefix(namespaceName) + "Base" + Index(i) + ".g.cs" : null,
                    Expect(unit, i)));
            }

            return new Sample(text.ToString(), units.ToImmutable(), additionalTexts.ToImmutable());
        }

        /// <summary>The unit with its <c>Weights = …</c> (named for its index) added to the attribute the generator reads.</summary>
        private static Unit WithWeights(Unit unit, int index)
        {
            if (unit.Weights is not { } weights)
            {
                return unit;
            }

            weights = weights with
            {
                Literal = weights.Literal.Replace("{i}", Index(index), StringComparison.Ordinal),
                Characters = weights.Characters.Replace("{i}", Index(index), StringComparison.Ordinal),
            };
            int at = unit.Parts.IndexOf(unit.Parts.First(p => p.Attributes.Length > 0));
            Attr attr = unit.Parts[at].Attributes[0];
            attr = attr with { Named = attr.Named.Add(new Named("Weights", weights.Literal, NamedKind.Valid, 0, Characters: weights.Characters)) };
            Part part = unit.Parts[at] with { Attributes = unit.Parts[at].Attributes.SetItem(0, attr) };
            return unit with { Parts = unit.Parts.SetItem(at, part), Weights = weights };
        }

        /// <summary>
        /// A weights file that fits the declaration's network, in the format of docs/model-format.md; null when the
        /// attribute does not make a network (the generator does not read the file then).
        /// </summary>
        private static string? WeightsFile(Unit unit)
        {
            Attr attr = unit.Parts.First(p => p.Attributes.Length > 0).Attributes[0];
            ImmutableArray<int> sizes = attr.Sizes.Values;
            if (!attr.Bindable || sizes.Length < 2 || sizes.Any(size => size is <= 0 or > 64) || attr.HasUnknownEnumValue)
            {
                return null;
            }

            int hidden = attr.HiddenActivation?.Value ?? Sigmoid;
            ImmutableArray<int> list = attr.HiddenActivations;
            var activations = Enumerable.Range(0, sizes.Length - 1)
                .Select(i => i == sizes.Length - 2 ? attr.Output : !list.IsDefault && i < list.Length ? list[i] : hidden)
                .Select(a => a is >= 0 and <= Softmax ? Activations[a] : "Sigmoid")
                .ToArray();
            return TestHelpers.WeightsJson.For(sizes, activations, Losses[attr.Loss], attr.IsDouble);
        }

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Prefix(string? ns) => ns is null ? "" : ns + ".";

        private static string? PlainName(string? name) => name?.Replace("@", "", StringComparison.Ordinal);

        /// <summary>The class name as written; special names (BP0012, keywords) only for the first unit, so that names stay unique.</summary>
        private static string ClassName(Unit unit, int index) => index == 0 && unit.SpecialName is not null ? unit.SpecialName : "Net" + Index(index);

        private static string HintName(string? ns, Unit unit, int index) =>
            Prefix(ns) + string.Join("+", unit.Containers.Select((_, depth) => ContainerName(index, depth)).Append(PlainName(ClassName(unit, index)))) + ".g.cs";

        private static string ContainerName(int index, int depth) => "Outer" + Index(index) + "x" + depth.ToString(CultureInfo.InvariantCulture);

        private static void RenderUnit(StringBuilder text, Unit unit, int index, string? ns)
        {
            var indent = new StringBuilder();
            void Line(string line) => text.Append(indent).Append(line).Append('\n');

            if (ns is not null)
            {
                Line("namespace " + ns);
                Line("{");
                indent.Append("    ");
            }

            if (index == 0 && unit.Neighbor.Length > 0)
            {
                Line(unit.Neighbor);
            }

            string baseName = "Base" + Index(index);
            if (unit.Base.Declaration.Length > 0)
            {
                Line(unit.Base.Declaration.Replace("{B}", baseName, StringComparison.Ordinal));
            }

            for (int depth = 0; depth < unit.Containers.Length; depth++)
            {
                Container c = unit.Containers[depth];
                Line(Words(c.Access, c.Modifiers, c.Partial ? "partial" : "", c.Keyword, ContainerName(index, depth) + (c.Generic ? "<T" + depth.ToString(CultureInfo.InvariantCulture) + ">" : "")));
                Line("{");
                indent.Append("    ");
            }

            string className = ClassName(unit, index);
            foreach (Part part in unit.Parts)
            {
                if (part.Attributes.Length > 0)
                {
                    Line(part.AttributesInOneList
                        ? "[" + string.Join(", ", part.Attributes.Select(a => a.Render())) + "]"
                        : string.Concat(part.Attributes.Select(a => "[" + a.Render() + "]")));
                }

                if (part.ExtraAttribute.Length > 0)
                {
                    Line(part.ExtraAttribute);
                }

                string keyword = unit.Shape switch
                {
                    Shape.Record => "record",
                    Shape.RecordClass => "record class",
                    Shape.Struct => "struct",
                    Shape.RecordStruct => "record struct",
                    Shape.Interface => "interface",
                    Shape.Enum => "enum",
                    _ => "class",
                };
                string baseList = unit.Base.Reference.Length > 0 && part == unit.Parts[0] ? " : " + unit.Base.Reference.Replace("{B}", baseName, StringComparison.Ordinal) : "";
                string primary = unit.Shape == Shape.Class ? part.PrimaryParameters ?? "" : "";
                Line(Words(part.Access, part.Modifiers, part.Partial ? "partial" : "", keyword, className + (unit.Generic ? "<TNet>" : "") + primary + baseList));
                Line("{");
                if (unit.Shape == Shape.Enum)
                {
                    Line("    A,");
                }

                foreach (Member member in part.Members)
                {
                    Line("    " + member.Render(className));
                }

                Line("}");
            }

            for (int depth = unit.Containers.Length - 1; depth >= 0; depth--)
            {
                indent.Length -= 4;
                Line("}");
            }

            if (ns is not null)
            {
                indent.Length -= 4;
                Line("}");
            }

            text.Append('\n');
        }

        private static string Words(params string[] words) => string.Join(" ", words.Where(w => w.Length > 0));
    }
}
