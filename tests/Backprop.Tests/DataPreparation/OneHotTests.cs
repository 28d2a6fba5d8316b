using System;
using Backprop.Data;
using Xunit;

namespace Backprop.Tests.DataPreparation;

/// <summary>One-hot targets in float and double, and the labels and class counts they refuse.</summary>
public sealed class OneHotTests
{
    [Fact]
    public void Each_label_becomes_a_row_with_one_at_its_index()
    {
        int[] labels = [2, 0, 1, 2];
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], OneHot.Encode<float>(labels, 3));
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0], OneHot.Encode<double>(labels, 3));
        Assert.Equal([0f, 1f, 0f, 0f, 0f], OneHot.Encode<float>([1], 5));
        Assert.Empty(OneHot.Encode<float>([], 3));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_label_outside_the_classes_is_refused_with_its_index(int label)
    {
        var e = Assert.Throws<ArgumentException>(() => OneHot.Encode<float>([0, label, 1], 3));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains($"labels[1] is {label}", e.Message, StringComparison.Ordinal);
        Assert.Contains("less than 'classCount' = 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_count_below_one_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode<float>([0], 0));
        Assert.Equal("classCount", e.ParamName);
        Assert.Contains("at least 1, but was 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_longer_than_an_array_is_refused_before_allocating()
    {
        var e = Assert.Throws<ArgumentException>(() => OneHot.Encode<float>([0, 1, 2], int.MaxValue));
        Assert.Equal("classCount", e.ParamName);
        Assert.Contains("make 6442450941 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_type_other_than_float_or_double_is_not_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => OneHot.Encode<int>([0], 2));
        Assert.Equal("OneHot.Encode makes targets of float or double, the types of networks, not of Int32.", e.Message);
    }
}
