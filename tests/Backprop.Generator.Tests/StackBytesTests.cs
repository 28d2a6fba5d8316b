using System;
using System.Collections.Generic;
using System.Linq;
using Backprop.Generator.Emitting;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Backprop.Generator.Tests.TestHelpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Backprop.Generator.Tests;

using Activation = Backprop.Generator.Models.Activation;
using CodeShape = Backprop.Generator.Models.CodeShape;
using Loss = Backprop.Generator.Models.Loss;
using Precision = Backprop.Generator.Models.Precision;

/// <summary>
/// The generated constant <c>StackBytes</c> against the code it describes: every <c>stackalloc</c> of the emitted
/// class is read, each method's own bytes are added up, a call to another method of the class adds the most its
/// callees take, and the most of any public method must be the constant, to the byte.
/// </summary>
public class StackBytesTests
{
    public static TheoryData<string> Cases => new(CaseModels.Keys);

    private static readonly Dictionary<string, NetworkModel> CaseModels = new()
    {
        ["unrolled 3-4-2"] = TestModels.Network("Tiny", new[] { 3, 4, 2 }, codeShape: CodeShape.Unrolled),
        ["unrolled softmax"] = TestModels.Network("Classes", new[] { 4, 6, 3 }, output: Activation.Softmax, loss: Loss.CrossEntropy, codeShape: CodeShape.Unrolled),
        ["loops 16-32-8"] = TestModels.Network("Loops", new[] { 16, 32, 8 }, codeShape: CodeShape.VectorLoops),
        ["loops softmax"] = TestModels.Network("Digits", new[] { 64, 32, 10 }, hidden: Activation.ReLU, output: Activation.Softmax, loss: Loss.CrossEntropy, codeShape: CodeShape.VectorLoops),
        ["loops binary cross-entropy, double"] = TestModels.Network("Tagger", new[] { 20, 24, 5 }, precision: Precision.Double, loss: Loss.BinaryCrossEntropy, codeShape: CodeShape.VectorLoops),
        ["mixed, loops between"] = TestModels.Network("Mixed", new[] { 3, 8, 64, 2 }),
        ["automatic 64-128-10"] = TestModels.Network("Medium", new[] { 64, 128, 10 }, hidden: Activation.ReLU, output: Activation.Softmax, loss: Loss.CrossEntropy),
        ["784-128-10, gradient too large for the stack"] = TestModels.Network("Mnist", new[] { 784, 128, 10 }, hidden: Activation.ReLU, output: Activation.Softmax, loss: Loss.CrossEntropy),
        ["unrolled with dropout"] = TestModels.Network("Dropped", new[] { 3, 6, 5, 2 }, codeShape: CodeShape.Unrolled) with { Dropout = new[] { 0.5, 0.25 }.ToEquatableArray() },
        ["loops with dropout, linear hidden"] = TestModels.Network("DroppedLoops", new[] { 16, 32, 32, 4 }, hiddenLayers: new[] { Activation.Linear, Activation.Tanh }, codeShape: CodeShape.VectorLoops) with { Dropout = new[] { 0.1, 0.2 }.ToEquatableArray() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StackBytes_is_the_most_any_public_method_allocates_with_its_callees(string name) =>
        Check(name, CaseModels[name]);

    [Fact]
    public void StackBytes_matches_the_code_of_random_networks()
    {
        // Every shape, both precisions, each output and loss, dropout or none, sizes across the row-pass threshold.
        var random = new Random(20_261_206);
        (Activation Output, Loss Loss)[] outputs =
        {
            (Activation.Sigmoid, Loss.MeanSquaredError), (Activation.Linear, Loss.MeanSquaredError),
            (Activation.Softmax, Loss.CrossEntropy), (Activation.Sigmoid, Loss.BinaryCrossEntropy),
        };
        for (int n = 0; n < 60; n++)
        {
            int[] sizes = Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(1, 3) == 1 ? random.Next(1, 9) : random.Next(9, 80)).ToArray();
            (Activation output, Loss loss) = outputs[random.Next(outputs.Length)];
            if (output == Activation.Softmax && sizes[^1] < 2)
            {
                sizes[^1] = 2;
            }

            var shape = (CodeShape)random.Next(3);
            Precision precision = random.Next(2) == 0 ? Precision.Single : Precision.Double;
            NetworkModel model = TestModels.Network("Random" + n, sizes, hidden: random.Next(2) == 0 ? Activation.ReLU : Activation.Tanh, output: output, precision: precision, loss: loss, codeShape: shape);
            if (sizes.Length > 2 && random.Next(2) == 0)
            {
                model = model with { Dropout = Enumerable.Range(0, sizes.Length - 2).Select(_ => random.Next(3) * 0.25).ToEquatableArray() };
            }

            Check(string.Join("-", sizes) + " " + shape + " " + precision + " " + output + " " + loss, model);
        }
    }

    private static void Check(string name, NetworkModel model)
    {
        string code = NetworkEmitter.Emit(model);
        ClassDeclarationSyntax network = CSharpSyntaxTree.ParseText(code).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Single(c => c.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Declaration.Variables.Any(v => v.Identifier.Text == GeneratedMembers.StackBytes)));
        Dictionary<string, long> constants = Constants(network);
        Dictionary<string, MethodDeclarationSyntax[]> methods = network.Members.OfType<MethodDeclarationSyntax>()
            .GroupBy(m => m.Identifier.Text)
            .ToDictionary(g => g.Key, g => g.ToArray());

        var totals = new Dictionary<MethodDeclarationSyntax, long>();
        long Total(MethodDeclarationSyntax method)
        {
            if (!totals.TryGetValue(method, out long total))
            {
                long own = method.DescendantNodes().OfType<StackAllocArrayCreationExpressionSyntax>().Sum(s => Bytes(s, constants));
                long callees = method.DescendantNodes().OfType<InvocationExpressionSyntax>()
                    .SelectMany(call => Callees(call, methods))
                    .Select(callee => methods.TryGetValue(callee, out MethodDeclarationSyntax[]? targets) ? targets.Max(Total) : 0)
                    .DefaultIfEmpty(0)
                    .Max();
                totals[method] = total = own + callees;
            }

            return total;
        }

        long most = network.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword))
            .Max(Total);
        Assert.True(most > 0 || !code.Contains("stackalloc", StringComparison.Ordinal), name + ": no stackalloc found, though the code has one");
        Assert.Equal(most, constants[GeneratedMembers.StackBytes]);
    }

    /// <summary>
    /// The names of the class's methods a call runs: a call by simple name, or for BatchDispatch.Run(…, …, …, phase, …)
    /// what the class's IBatchWork.RunPart calls for that phase (on this thread, or one part on each worker
    /// thread, each with its own stack): the branch of RunPart that tests the phase, else its last else, else its body.
    /// </summary>
    private static IEnumerable<string> Callees(InvocationExpressionSyntax call, Dictionary<string, MethodDeclarationSyntax[]> methods)
    {
        if (call.Expression is IdentifierNameSyntax id)
        {
            return new[] { id.Identifier.Text };
        }

        if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: "Run" } access
            || !access.Expression.ToString().EndsWith("BatchDispatch", StringComparison.Ordinal))
        {
            return Array.Empty<string>();
        }

        string phase = call.ArgumentList.Arguments[3].ToString();
        MethodDeclarationSyntax runPart = Assert.Single(methods["RunPart"]);
        List<IfStatementSyntax> branches = runPart.DescendantNodes().OfType<IfStatementSyntax>().ToList();
        SyntaxNode body = branches.FirstOrDefault(branch => branch.Condition.ToString().EndsWith(phase, StringComparison.Ordinal))?.Statement
            ?? (SyntaxNode?)branches.LastOrDefault()?.Else?.Statement
            ?? runPart.Body!;
        return body.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(inner => inner.Expression is IdentifierNameSyntax name ? name.Identifier.Text : null)
            .OfType<string>()
            .ToList();
    }

    /// <summary>The class's integer constants, from their literal values.</summary>
    private static Dictionary<string, long> Constants(ClassDeclarationSyntax network) =>
        network.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Initializer?.Value is LiteralExpressionSyntax { Token.Value: int or long })
            .ToDictionary(v => v.Identifier.Text, v => Convert.ToInt64(((LiteralExpressionSyntax)v.Initializer!.Value).Token.Value, System.Globalization.CultureInfo.InvariantCulture));

    private static long Bytes(StackAllocArrayCreationExpressionSyntax allocation, Dictionary<string, long> constants)
    {
        var array = (ArrayTypeSyntax)allocation.Type;
        long size = ((PredefinedTypeSyntax)array.ElementType).Keyword.Kind() switch
        {
            SyntaxKind.FloatKeyword => sizeof(float),
            SyntaxKind.DoubleKeyword => sizeof(double),
            SyntaxKind.BoolKeyword => sizeof(bool),
            SyntaxKind.IntKeyword => sizeof(int),
            var other => throw new InvalidOperationException("a stackalloc of " + other),
        };
        return size * Evaluate(array.RankSpecifiers.Single().Sizes.Single(), constants);
    }

    // The integer expressions the emitter writes as lengths: literals, the class's constants, + and ×.
    private static long Evaluate(ExpressionSyntax expression, Dictionary<string, long> constants) => expression switch
    {
        LiteralExpressionSyntax literal => Convert.ToInt64(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture),
        IdentifierNameSyntax name => constants[name.Identifier.Text],
        ParenthesizedExpressionSyntax parenthesized => Evaluate(parenthesized.Expression, constants),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum => Evaluate(sum.Left, constants) + Evaluate(sum.Right, constants),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } product => Evaluate(product.Left, constants) * Evaluate(product.Right, constants),
        _ => throw new InvalidOperationException("a stackalloc length the test cannot evaluate: " + expression),
    };
}
