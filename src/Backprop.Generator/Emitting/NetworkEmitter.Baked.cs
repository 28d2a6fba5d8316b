using System.Collections.Generic;
using System.Linq;
using System.Text;
using Backprop.Generator.Models;

namespace Backprop.Generator.Emitting;

internal sealed partial class NetworkEmitter
{
    /// <summary>How many literals a line of the baked parameters holds, so that a long row still reads.</summary>
    private const int LiteralsPerLine = 8;

    /// <summary>
    /// Writes the trained parameters of <c>Weights = "…"</c> as one static array in the layout of
    /// <c>Parameters</c>: each layer's Wˡ row by row, then Bˡ. The compiler stores an array of constants as a
    /// block of data in the assembly, which the array is filled from once, when the class is first used.
    /// </summary>
    private void WriteBakedParameters(BakedWeights weights)
    {
        _writer.WriteLine();
        _writer.WriteLine($"// The trained parameters of {Escaping.StringLiteral(weights.FileName)}, baked in when this file was generated;");
        _writer.WriteLine(Model.Construction == Construction.GeneratedConstructors
            ? "// the parameterless constructor copies them. Each literal is the file's decimal text, which the"
            : "// every new network copies them. Each literal is the file's decimal text, which the");
        _writer.WriteLine($"// compiler rounds once to {Scalar}, as loading the file does: baked and loaded networks hold the same bits.");
        _writer.WriteLine($"private static readonly {Scalar}[] {GeneratedMembers.BakedParametersField} =");
        _writer.WriteLine("{");
        using (_writer.Indent())
        {
            foreach (LayerPlan layer in Plan.Layers)
            {
                _writer.WriteLine($"// Layer {layer.Number}: {layer.Symbols.W} ({layer.Neurons}×{layer.Inputs}), one row per neuron j, at [{layer.WeightOffset}, {layer.BiasOffset}).");
                for (int j = 0; j < layer.Neurons; j++)
                {
                    WriteLiterals(weights.Literals.Skip(layer.WeightOffset + (j * layer.Inputs)).Take(layer.Inputs));
                }

                _writer.WriteLine($"// Layer {layer.Number}: {layer.Symbols.B} ({layer.Neurons}), at [{layer.BiasOffset}, {layer.BiasOffset + layer.Neurons}).");
                WriteLiterals(weights.Literals.Skip(layer.BiasOffset).Take(layer.Neurons));
            }
        }

        _writer.WriteLine("};");
    }

    private void WriteLiterals(IEnumerable<string> literals)
    {
        var line = new StringBuilder();
        int count = 0;
        foreach (string literal in literals)
        {
            if (count == LiteralsPerLine)
            {
                _writer.WriteLine(line.ToString());
                line.Clear();
                count = 0;
            }

            line.Append(count == 0 ? "" : " ").Append(literal).Append(',');
            count++;
        }

        _writer.WriteLine(line.ToString());
    }
}
