namespace GradCheck.Tests.Models;

/// <summary>Inconsistent models are refused before anything is evaluated, with a message that says what is wrong.</summary>
public class ModelMisuseTests
{
    [Fact]
    public void Shape_whose_product_is_not_the_number_of_values_is_refused()
    {
        var thrown = Assert.Throws<InvalidModelException>(() => new Parameter<double>("fc.weight", new double[12], new double[12], [3, 5]));
        Assert.Contains("fc.weight", thrown.Message);
        Assert.Contains("[3,5] (15 entries) but 12 values", thrown.Message);
    }

    [Fact]
    public void Gradient_buffer_of_another_length_is_refused()
    {
        var thrown = Assert.Throws<InvalidModelException>(() => new Parameter<float>("b", new float[4], new float[3], [4]));
        Assert.Contains("gradient buffer of 3", thrown.Message);
    }

    [Fact]
    public void Empty_name_and_non_positive_dimension_are_refused()
    {
        Assert.Throws<InvalidModelException>(() => new Parameter<double>(" ", new double[1], new double[1], [1]));
        Assert.Throws<InvalidModelException>(() => new Parameter<double>("w", new double[0], new double[0], [0]));
    }

    [Fact]
    public void Scalar_parameter_is_named_without_an_index()
    {
        var p = new Parameter<double>("temperature", new double[1], new double[1], []);
        Assert.Equal("temperature", p.EntryName(0));
        Assert.Equal("w[1,0,2]", new Parameter<double>("w", new double[24], new double[24], [2, 4, 3]).EntryName(1 * 12 + 0 * 3 + 2));
    }

    [Fact]
    public void Duplicate_names_are_refused_without_evaluating_the_loss()
    {
        var model = new FixedModel(
            new Parameter<double>("w", new double[] { 1, 2 }, new double[2], [2]),
            new Parameter<double>("w", new double[] { 3 }, new double[1], [1]));
        var thrown = Assert.Throws<InvalidModelException>(() => ModelCheck.Run(model));
        Assert.Contains("'w'", thrown.Message);
        Assert.Equal(0, model.LossCalls);
    }

    [Fact]
    public void Non_finite_parameter_is_refused_by_name_without_evaluating_the_loss()
    {
        var model = new LinearTestModel<double>(2, 3);
        model.Weight[4] = double.NaN;
        var thrown = Assert.Throws<InvalidModelException>(() => ModelCheck.Run(model));
        Assert.Contains("fc.weight[1,1] is NaN", thrown.Message);
        Assert.Equal(0, model.LossCalls);
    }

    [Fact]
    public void Model_without_parameters_is_refused()
    {
        Assert.Throws<InvalidModelException>(() => ModelCheck.Run(new FixedModel()));
    }

    [Fact]
    public void Indices_outside_the_model_are_refused()
    {
        var model = new LinearTestModel<double>(2, 2);
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => ModelCheck.Run(model, new GradientCheckOptions { Indices = [6] }));
        Assert.Contains("0..5", thrown.Message);
    }

    private sealed class FixedModel(params Parameter<double>[] parameters) : IDifferentiableModel<double>
    {
        public int LossCalls { get; private set; }

        public IReadOnlyList<Parameter<double>> Parameters => parameters;

        public double Loss()
        {
            LossCalls++;
            return 0;
        }

        public void Backward() { }
    }
}
