using System;
using Backprop.Serialization.Json;
using static System.FormattableString;
#if BACKPROP_GENERATOR
using Backprop.Generator.Models;
#endif

namespace Backprop.Serialization;

/// <summary>
/// The first thing wrong with a weights JSON document (<see cref="WeightsJsonReader"/>): the reason, the problem in
/// words and its position, and for a wrong length or a value out of range the facts behind the words, which the
/// generator words its own way. The library throws it on as a <c>ModelFormatException</c>, the generator reports
/// it as a diagnostic.
/// </summary>
internal sealed class WeightsJsonException : Exception
{
    private readonly string? _afterSource;

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the document is refused.</param>
    /// <param name="problem">What is wrong, without the position: <c>the member "loss" is missing</c>.</param>
    /// <param name="line">The one-based line of the problem.</param>
    /// <param name="column">The one-based column of the problem.</param>
    /// <param name="afterSource">The library's sentence after the document's name, when not ": problem (line, column).".</param>
    /// <param name="expected">What was expected, in short, or null.</param>
    /// <param name="found">What was found, in short, or null.</param>
    /// <param name="innerException">The JSON syntax error, or null.</param>
    public WeightsJsonException(ModelFormatReason reason, string problem, int line, int column, string? afterSource = null, string? expected = null, string? found = null, Exception? innerException = null)
        : base(problem, innerException)
    {
        Reason = reason;
        Problem = problem;
        Line = line;
        Column = column;
        _afterSource = afterSource;
        Expected = expected;
        Found = found;
    }

    /// <summary>Why the document is refused.</summary>
    public ModelFormatReason Reason { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>The one-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The one-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What was expected, in short, or null.</summary>
    public string? Expected { get; }

    /// <summary>What was found, in short, or null.</summary>
    public string? Found { get; }

    /// <summary>For <see cref="ModelFormatReason.ShapeMismatch"/>: the array and the lengths.</summary>
    public WeightsJsonLength? Length { get; init; }

    /// <summary>For <see cref="ModelFormatReason.ValueOutOfRange"/>: the parameter and its value.</summary>
    public WeightsJsonValue? Value { get; init; }

    /// <summary>The library's message: the document's name, then what is wrong and where.</summary>
    /// <param name="source">Names the file or text.</param>
    /// <returns>A sentence.</returns>
    public string Describe(string source) =>
        source + (_afterSource ?? Invariant($": {Problem} (line {Line}, column {Column})."));

    /// <summary>A problem of the document's structure at <paramref name="where"/> (<see cref="ModelFormatReason.InvalidHeader"/>).</summary>
    public static WeightsJsonException Invalid(JsonValue where, string problem) =>
        new(ModelFormatReason.InvalidHeader, problem, where.Line, where.Column);
}

/// <summary>An array of the document with another length than the topology gives it.</summary>
/// <param name="Path">The array, as <c>weights["2"][0]</c>.</param>
/// <param name="Count">Its length.</param>
/// <param name="Needed">The length the topology gives it.</param>
/// <param name="Unit">What it holds: <c>rows</c> or <c>values</c>.</param>
/// <param name="Layer">The layer with one neuron for each entry.</param>
/// <param name="Each">What each of those neurons has in the array: <c>row</c>, <c>weight</c> or <c>bias</c>.</param>
internal sealed record WeightsJsonLength(string Path, int Count, int Needed, string Unit, int Layer, string Each);

/// <summary>A parameter whose value is beyond the range of the document's number type.</summary>
/// <param name="Parameter">The parameter as the derivation names it: <c>w(3, 0, 1)</c> or <c>b(3, 0)</c>.</param>
/// <param name="Text">Its text in the document, bounded for messages.</param>
/// <param name="BeyondDouble">Whether it is beyond even <see cref="double"/>; otherwise only beyond <see cref="float"/>.</param>
internal sealed record WeightsJsonValue(string Parameter, string Text, bool BeyondDouble);
