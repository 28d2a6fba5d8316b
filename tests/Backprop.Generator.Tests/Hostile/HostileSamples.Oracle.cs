using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace Backprop.Generator.Tests;

internal static partial class Hostile
{
    internal static partial class HostileSamples
    {
        /// <summary>
        /// The oracle: what docs/diagnostics.md says must happen to this declaration. Problems with the declaration
        /// and the arguments are all reported together; the collision checks (BP0007, BP0012, BP0013) need a
        /// well-formed network, so they may be reported alongside or withheld until the rest is fixed.
        /// </summary>
        private static Expectation Expect(Unit unit, int index)
        {
            if (unit.Shape is Shape.Struct or Shape.RecordStruct or Shape.Interface or Shape.Enum)
            {
                return Expectation.Quiet; // CS0592: the attribute is valid on classes only.
            }

            // The generator reads the first [Network] of the class; the compiler reports any other (CS0579).
            Part attributed = unit.Parts.First(p => p.Attributes.Length > 0);
            Attr attr = attributed.Attributes[0];
            if (!attr.Bindable)
            {
                return Expectation.CompilerError;
            }

            // A neighbor type of the class's own name is one more part of the class (without 'partial').
            bool neighborIsAPart = index == 0 && unit.Containers.Length == 0
                && unit.Neighbor.Contains(" class " + PlainName(ClassName(unit, index)) + " ", StringComparison.Ordinal);
            if (unit.Base.Unspecified || attr.RepeatsAName || neighborIsAPart || unit.Parts.Any(p => !p.Partial && p != attributed)
                || (unit.Parts.Length > 1 && unit.Parts.Any(p => p.Has("file"))))
            {
                return Expectation.Unspecified;
            }

            ImmutableArray<int> sizes = attr.Sizes.Values;
            bool hasPrimaryConstructor = attributed.PrimaryParameters is not null;

            // Problems of the class itself, which can then take no member (nothing is generated), and of the
            // attribute's arguments, which leave a class that takes a stand-in.
            var classProblems = new HashSet<string>(StringComparer.Ordinal);
            var argumentProblems = new HashSet<string>(StringComparer.Ordinal);
            var mayAlsoReport = new HashSet<string>(StringComparer.Ordinal);
            void ClassProblem(bool when, string id)
            {
                if (when)
                {
                    classProblems.Add(id);
                }
            }

            void Problem(bool when, string id)
            {
                if (when)
                {
                    argumentProblems.Add(id);
                }
            }

            ClassProblem(!attributed.Partial, "BP0001");
            ClassProblem(unit.Containers.Any(c => !c.Partial), "BP0002");
            Problem(sizes.Length < 2, "BP0003");
            Problem(sizes.Any(s => s <= 0), "BP0004");
            ClassProblem(unit.Generic, "BP0005");
            bool isStatic = unit.Parts.Any(p => p.Has("static")); // 'static' on any part makes the class static
            ClassProblem(isStatic, "BP0006");
            Problem(sizes.Length >= 2 && sizes.All(s => s > 0) && TooLarge(sizes, attr), "BP0008");
            Problem(sizes.Length >= 2 && sizes.All(s => s > 0) && !TooLarge(sizes, attr) && NeedsTooMuchStack(sizes, attr), "BP0026");
            Problem(attr.HasUnknownEnumValue, "BP0009");

            // The model rules (BP0021 to BP0025), which judge the values that are known. Next to an unknown value
            // (BP0009) nothing says whether they are checked, so they may be reported then, but need not be.
            var warnings = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
            foreach ((string id, Rule rule) in ModelProblems(attr, sizes))
            {
                if (attr.HasUnknownEnumValue || rule == Rule.MayReport)
                {
                    mayAlsoReport.Add(id);
                }
                else if (rule == Rule.Warning)
                {
                    warnings = warnings.Add(id);
                }
                else
                {
                    argumentProblems.Add(id);
                }
            }

            ClassProblem(unit.Containers.Any(c => c.Generic), "BP0010");
            ClassProblem(unit.Shape is Shape.Record or Shape.RecordClass, "BP0011");
            ClassProblem(attributed.Has("file") || unit.Containers.Any(c => c.Modifiers == "file"), "BP0016");
            ClassProblem(attributed.ExtraAttribute.Contains("ComImport", StringComparison.Ordinal), "BP0035");
            ClassProblem(attributed.ExtraAttribute.Contains("LayoutKind.Explicit", StringComparison.Ordinal), "BP0036");

            // A static class has no base class (CS0713), so the base network is not seen there either.
            ClassProblem(unit.Base.IsNetwork && !isStatic, "BP0019");
            if (unit.Base.IsNetwork && isStatic)
            {
                mayAlsoReport.Add("BP0019");
            }

            // A static class may not have a base class at all (CS0713); whether the base's constructors are then
            // checked too is not specified. A primary constructor passes the base its own arguments.
            ClassProblem(unit.Base.LacksParameterlessConstructor && !isStatic && !hasPrimaryConstructor, "BP0018");
            if (unit.Base.LacksParameterlessConstructor && isStatic)
            {
                mayAlsoReport.Add("BP0018");
            }

            // The collisions with generated members, checked whenever the class can take members, whatever the
            // arguments: the network's members, or its stand-in's, would collide.
            var collisions = new HashSet<string>(StringComparer.Ordinal);
            var facts = new Facts(sizes.Length, attr.IsDouble, hasPrimaryConstructor);
            string name = PlainName(ClassName(unit, index))!;
            if (GeneratedNames.Contains(name, StringComparer.Ordinal) || IsLayerSize(name, facts.Layers))
            {
                collisions.Add("BP0012");
            }

            if (unit.Parts.SelectMany(p => p.Members).Any(m => m.Collides(facts)))
            {
                collisions.Add("BP0007");
            }

            if (unit.Base.Collides(facts))
            {
                collisions.Add("BP0013");
            }

            // BP0037: the seed of the primary constructor, read by a member, cannot be read by the initializer too.
            if (attributed.PrimaryParameters is "(int seed)" or "(string name, int seed)" && unit.Parts.SelectMany(p => p.Members).Any(m => m.CapturesSeed))
            {
                warnings = warnings.Add("BP0037");
            }

            if (classProblems.Count > 0)
            {
                var allowed = classProblems.Union(argumentProblems).Union(collisions).Union(mayAlsoReport).ToImmutableHashSet();
                return new Expectation(Outcome.Errors, classProblems.Union(argumentProblems).ToImmutableHashSet(), allowed, ImmutableSortedSet<string>.Empty);
            }

            if (collisions.Count > 0 || argumentProblems.Count > 0)
            {
                var required = collisions.Union(argumentProblems).ToImmutableHashSet();
                return new Expectation(Outcome.Errors, required, required.Union(mayAlsoReport), ImmutableSortedSet<string>.Empty, StandIn: collisions.Count == 0);
            }

            // The network is sound; its weights file, if it names one, must be there (BP0027), and is then baked in.
            if (unit.Weights is { } weights && !(weights.WithFile && WeightsFile(unit) is not null))
            {
                return new Expectation(Outcome.Errors, ImmutableHashSet.Create("BP0027"), ImmutableHashSet.Create("BP0027"), ImmutableSortedSet<string>.Empty, StandIn: true);
            }

            if (unit.Parts.SelectMany(p => p.Members).Any(m => m.LeavesParametersAtZero))
            {
                warnings = warnings.Add("BP0017");
            }

            return new Expectation(Outcome.Generated, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, warnings);
        }

        /// <summary>
        /// The rules of docs/diagnostics.md for the activations and the loss, and whether each is a warning:
        /// <list type="bullet">
        /// <item>BP0025, HiddenActivation and HiddenActivations both written (a null list is not written);</item>
        /// <item>BP0022, a list whose length is not the number of hidden layers (next to BP0025 unspecified);</item>
        /// <item>BP0024, the softmax in either hidden form, hidden layers or not;</item>
        /// <item>BP0023, a softmax output on a single output neuron;</item>
        /// <item>BP0021, cross-entropy without a softmax output, binary cross-entropy without a sigmoid output;</item>
        /// <item>BP0020 (warning), a softmax output of two neurons or more with the quadratic cost.</item>
        /// </list>
        /// The rules on the output layer need one: with fewer than two sizes (BP0003) they do not apply.
        /// </summary>
        private static IEnumerable<(string Id, Rule Rule)> ModelProblems(Attr attr, ImmutableArray<int> sizes)
        {
            ImmutableArray<int> list = attr.HiddenActivations;
            bool bothForms = !list.IsDefault && attr.HiddenActivation is not null;
            if (bothForms)
            {
                yield return ("BP0025", Rule.Error);
            }

            if (!list.IsDefault && sizes.Length >= 2 && list.Length != sizes.Length - 2)
            {
                yield return ("BP0022", bothForms ? Rule.MayReport : Rule.Error);
            }

            if ((!list.IsDefault && list.Contains(Softmax)) || attr.HiddenActivation?.Value == Softmax)
            {
                yield return ("BP0024", Rule.Error);
            }

            int outputs = sizes.Length >= 2 ? sizes[^1] : 0;
            if (attr.Output == Softmax && outputs == 1)
            {
                yield return ("BP0023", Rule.Error);
            }

            if ((attr.Loss == CrossEntropy && attr.Output != Softmax) || (attr.Loss == BinaryCrossEntropy && attr.Output != Sigmoid))
            {
                yield return ("BP0021", Rule.Error);
            }

            if (attr.Loss == MeanSquaredError && attr.Output == Softmax && outputs > 1)
            {
                yield return ("BP0020", Rule.Warning);
            }
        }

        /// <summary>How the oracle holds the generator to a rule that applies.</summary>
        private enum Rule { Error, Warning, MayReport }

        private static bool IsLayerSize(string name, int layers) =>
            Enumerable.Range(1, layers).Any(l => name == "Layer" + l.ToString(CultureInfo.InvariantCulture) + "Size");

        /// <summary>
        /// BP0008's bound, computed as the generator documents it in NetworkLimits (IL instructions and locals, for the
        /// shapes the generator picks); a softmax output or binary cross-entropy keeps the output's weighted sums in
        /// locals, which costs more.
        /// </summary>
        private static bool TooLarge(ImmutableArray<int> sizes, Attr attr)
        {
            bool keepsOutputSums = KeepsOutputSums(attr);
            Models.LayerShape[] shapes = Models.ShapePlanner.Choose(sizes, Models.CodeShape.Automatic, keepsOutputSums);
            return Models.NetworkLimits.CountParameters(sizes) > Models.NetworkLimits.MaxParameters
                || (!NeedsTooMuchStack(sizes, attr) && !Models.NetworkLimits.Fits(sizes, shapes, keepsOutputSums));
        }

        /// <summary>BP0026's bound: the stack buffers of one call, for the shapes the generator picks, in the network's number type.</summary>
        private static bool NeedsTooMuchStack(ImmutableArray<int> sizes, Attr attr) =>
            Models.NetworkLimits.StackBytes(sizes, Models.ShapePlanner.Choose(sizes, Models.CodeShape.Automatic, KeepsOutputSums(attr)), attr.IsDouble ? 8 : 4)
                > Models.NetworkLimits.MaxStackBytes;

        private static bool KeepsOutputSums(Attr attr) => attr.Output == Softmax || attr.Loss == BinaryCrossEntropy;
    }
}
