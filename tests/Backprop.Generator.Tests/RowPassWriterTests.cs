using System;
using System.Linq;
using Backprop.Generator.Emitting;
using Backprop.Generator.Models;
using Backprop.Generator.Tests.TestHelpers;
using Xunit;

namespace Backprop.Generator.Tests;

using Activation = Backprop.Generator.Models.Activation;

/// <summary>The four-row pass takes the writers the emitter made once, and only writers of vector loops.</summary>
public class RowPassWriterTests
{
    [Fact]
    public void The_row_pass_takes_the_same_writers_when_every_layer_is_vector_loops()
    {
        NetworkModel model = TestModels.Network("Mnist", new[] { 784, 128, 10 });
        var code = new EmitterContext(NetworkPlan.From(model));
        var writers = code.Plan.Layers.Select(layer => LayerWriter.Create(code, layer)).ToList();

        Assert.True(code.Plan.UsesRowPasses);
        Assert.Equal<ILayerWriter>(writers, RowPassWriters.From(writers));
    }

    [Fact]
    public void The_row_pass_refuses_an_unrolled_layer_and_names_it()
    {
        NetworkModel model = TestModels.Network("Mixed", new[] { 3, 8, 40, 2 }, output: Activation.Linear);
        var code = new EmitterContext(NetworkPlan.From(model));
        var writers = code.Plan.Layers.Select(layer => LayerWriter.Create(code, layer)).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => RowPassWriters.From(writers));
        Assert.Contains("layer 2 is unrolled", error.Message, StringComparison.Ordinal);
    }
}
