using System.Globalization;
using Parley.Reports.Svg;
using Xunit;

namespace Parley.Analysis.Tests;

public class SvgWriterTests
{
    [Fact]
    public void Numbers_are_invariant_and_short_whatever_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // the build runs in invariant-globalization mode, so build a culture with a decimal comma by hand
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("1234,57", 1234.5678.ToString("0.##"));
            Assert.Equal("1234.57", SvgDocument.Num(1234.5678));
            Assert.Equal("0", SvgDocument.Num(-0.001));
            Assert.Equal("12", SvgDocument.Num(12.0));
            Assert.Equal("0", SvgDocument.Num(double.NaN));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Text_and_attributes_are_escaped()
    {
        var svg = new SvgDocument(100, 50, "test", "a \"quoted\" <label> & more");
        svg.Text(1, 2, "<script>alert('x')</script> & co");
        svg.Rect(0, 0, 10, 10, "#fff", tooltip: "tip <b>");
        var text = svg.ToString();
        Assert.DoesNotContain("<script>", text);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co", text);
        Assert.Contains("aria-label=\"a &quot;quoted&quot; &lt;label&gt; &amp; more\"", text);
        Assert.Contains("<title>tip &lt;b&gt;</title>", text);
        System.Xml.Linq.XDocument.Parse(text);
    }

    [Fact]
    public void Linear_scale_maps_and_ticks_readably()
    {
        var x = new LinearScale(0, 100, 50, 250);
        Assert.Equal(50, x.Map(0));
        Assert.Equal(150, x.Map(50));
        Assert.Equal([0, 20, 40, 60, 80, 100], x.Ticks(5));
        Assert.Equal([1.5, 2, 2.5, 3, 3.5], new LinearScale(1.4, 3.6, 0, 1).Ticks(5));
    }
}
