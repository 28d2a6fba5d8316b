using System;
using System.Collections.Immutable;
using System.Linq;
using Backprop.Generator.Helpers;
using Backprop.Generator.Models;
using Xunit;

namespace Backprop.Generator.Tests;

using Activation = Backprop.Generator.Models.Activation;

/// <summary>
/// The arrays inside models compare by their elements, which is what lets the pipeline see that an edit changed
/// nothing; and they hold only elements that compare by value themselves.
/// </summary>
public class EquatableArrayTests
{
    [Fact]
    public void Only_elements_that_are_equatable_to_themselves_are_allowed()
    {
        Type element = typeof(EquatableArray<>).GetGenericArguments()[0];

        Assert.Contains(typeof(IEquatable<>).MakeGenericType(element), element.GetGenericParameterConstraints());
    }

    [Fact]
    public void Arrays_with_the_same_elements_are_equal_and_hash_alike()
    {
        // Separate instances with equal contents, as two runs of the parser produce them.
        EquatableArray<ContainingType> first = new[] { new ContainingType("class", "Outer"), new ContainingType("struct", "Inner") }.ToEquatableArray();
        EquatableArray<ContainingType> second = new[] { new ContainingType("class", "Outer"), new ContainingType("struct", "Inner") }.ToEquatableArray();
        EquatableEnumArray<Activation> activations = new[] { Activation.Tanh, Activation.Softmax }.ToEquatableArray();
        EquatableEnumArray<Activation> same = Enumerable.Repeat(Activation.Tanh, 1).Append(Activation.Softmax).ToEquatableArray();

        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.True(activations == same);
        Assert.Equal(activations.GetHashCode(), same.GetHashCode());
    }

    [Fact]
    public void Arrays_that_differ_in_one_element_or_in_length_are_not_equal()
    {
        EquatableArray<int> sizes = new[] { 3, 4, 2 }.ToEquatableArray();
        EquatableEnumArray<Activation> activations = new[] { Activation.Tanh, Activation.Sigmoid }.ToEquatableArray();

        Assert.True(sizes != new[] { 3, 5, 2 }.ToEquatableArray());
        Assert.True(sizes != new[] { 3, 4 }.ToEquatableArray());
        Assert.True(activations != new[] { Activation.Tanh, Activation.Softmax }.ToEquatableArray());
        Assert.True(activations != new[] { Activation.Tanh }.ToEquatableArray());
    }

    [Fact]
    public void A_default_array_is_the_empty_array()
    {
        Assert.True(default(EquatableArray<string>) == EquatableArray<string>.Empty);
        Assert.True(new EquatableArray<string>(ImmutableArray<string>.Empty) == default);
        Assert.Empty(default(EquatableArray<string>));
        Assert.True(default(EquatableEnumArray<Activation>) == EquatableEnumArray<Activation>.Empty);
        Assert.Empty(default(EquatableEnumArray<Activation>));
    }
}
