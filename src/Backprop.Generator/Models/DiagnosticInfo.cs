using System;
using System.Globalization;
using System.Linq;
using Backprop.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace Backprop.Generator.Models;

/// <summary>A diagnostic to report, kept as values so that it can travel through the cached pipeline.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] messageArguments) =>
        new(descriptor, location, messageArguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? "").ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.Select(argument => (object)argument).ToArray());
}
