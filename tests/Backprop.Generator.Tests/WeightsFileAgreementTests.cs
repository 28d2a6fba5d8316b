using System;
using System.IO;
using Backprop.Generator.Parsing;
using Backprop.Generator.Tests.TestHelpers;
using Backprop.Serialization;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Backprop.Generator.Tests;

/// <summary>
/// <c>Weights = "…"</c> bakes exactly the weights files that <c>NetworkJson</c> reads: every edit of a good file
/// is refused by both or by neither, for the same reason, and where the generator reports the problem as the
/// library words it (BP0029, BP0030) its diagnostic says what the library's exception says.
/// </summary>
public class WeightsFileAgreementTests
{
    // The name NetworkJson gives a document read from a TextReader.
    private const string TextSource = "The weights JSON";

    public static TheoryData<string, string> Edits => new()
    {
        { "", "" },
        { "{\n  \"format\"", "[\n  \"format\"" },
        { "\"biases\": {", "\"biases\": {," },
        { "\"format\": \"backprop-weights\"", "\"format\": 3" },
        { "  \"format\": \"backprop-weights\",\n", "" },
        { "\"version\": 1", "\"version\": 2" },
        { "\"version\": 1", "\"version\": 1.0" },
        { "\"loss\":", "\"epochs\": 3,\n  \"loss\":" },
        { "  \"loss\": \"MeanSquaredError\",\n", "" },
        { "\"MeanSquaredError\"", "\"Hinge\"" },
        { "\"Single\"", "\"Half\"" },
        { "\"layers\": [2, 3, 1]", "\"layers\": [2]" },
        { "\"layers\": [2, 3, 1]", "\"layers\": [2, 0, 1]" },
        { "\"layers\": [2, 3, 1]", "\"layers\": [2, 3.5, 1]" },
        { "\"layers\": [2, 3, 1]", "\"layers\": {}" },
        { "\"layers\": [2, 3, 1]", "\"layers\": [2, 3, 1, 1]" },
        { "\"layers\": [2, 3, 1]", "\"layers\": [65536, 65536, 1]" },
        { "[\"Sigmoid\", \"Sigmoid\"]", "[\"Sigmoid\"]" },
        { "[\"Sigmoid\", \"Sigmoid\"]", "[\"Sigmoid\", \"sigmoid\"]" },
        { "[\"Sigmoid\", \"Sigmoid\"]", "\"Sigmoid\"" },
        { "\"weights\": {", "\"weights\": [{" },
        { "[0.5, -1.25]", "[0.5, \"-1.25\"]" },
        { "[0.5, -1.25]", "[0.5]" },
        { "[0.5, -1.25]", "7" },
        { "[1E-45, 0.1]\n", "[1E-45, 0.1],\n      [1, 1]\n" },
        { "\"3\": [0.25]", "\"3\": [0.25], \"4\": []" },
        { "\"3\": [0.25]", "\"03\": [0.25]" },
        { "[0.25]", "[0.25, 1]" },
        { "[0.25]", "[null]" },
        { "[0.25]", "[3.5e38]" },
        { "[0.25]", "[-1e999]" },
        { "[0.25]", "[3.4028235e38]" },
        { "[0.25]", "[1e-50]" },
        { "[0.25]", "[0.25000000000000000000000000001]" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void The_generator_and_the_library_refuse_the_same_files_in_the_same_words(string find, string replace)
    {
        string good = WeightsJson.Xor.ReplaceLineEndings("\n");
        Assert.Contains(find, good, StringComparison.Ordinal);
        int at = good.IndexOf(find, StringComparison.Ordinal);
        string json = good[..at] + replace + good[(at + find.Length)..];

        Exception? thrown = Record.Exception(() => NetworkWeights.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), ModelFormat.Json));
        Models.WeightsFile file = WeightsFileReader.Read("/project/xor.json", SourceText.From(json), default);

        if (thrown is null)
        {
            Assert.Null(file.Problem);
            return;
        }

        ModelFormatException refused = Assert.IsType<ModelFormatException>(thrown);
        Assert.True(file.Problem is not null, "The library refuses the file (" + refused.Message + "), but the generator bakes it.");
        string message = file.Problem!.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DiagnosticId(refused), file.Problem.Descriptor.Id);
        if (file.Problem.Descriptor.Id is "BP0029" or "BP0030")
        {
            // ": what is wrong (line 3, column 14)." or " is not a Backprop weights file: what is wrong."
            string words = refused.Message[TextSource.Length..].TrimEnd('.');
            Assert.Contains(words.StartsWith(": ", StringComparison.Ordinal) ? words[2..] : words, message, StringComparison.Ordinal);
        }
    }

    private static string DiagnosticId(ModelFormatException refused) => refused.Reason switch
    {
        ModelFormatReason.InvalidJson => "BP0029",
        ModelFormatReason.ShapeMismatch => "BP0031",
        ModelFormatReason.ValueOutOfRange => refused.Expected == "a finite double" ? "BP0033" : "BP0034",
        _ => "BP0030",
    };
}
