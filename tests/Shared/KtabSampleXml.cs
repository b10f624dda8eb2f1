using System.Text;

namespace Parley.Tests.Shared;

/// <summary>
/// A small KTAB XML scenario for reader and command tests: Alice, Bob and Carol on two dimensions (Tax and a second
/// one), with optional model parameters and ideal-adjustment pairs. Each element stands on a line of its own, so a
/// test can change one value with <c>string.Replace</c> (e.g. <c>&lt;capability&gt;50&lt;/capability&gt;</c>).
/// </summary>
public static class KtabSampleXml
{
    /// <param name="parameters">The &lt;ModelParameters&gt; elements in order (KTAB's names and values), or none.</param>
    /// <param name="adjustments">The &lt;IdealAdjustment&gt; pairs (adjusting actor, reference actor, adjust), or none.</param>
    public static string Create(string name, ulong seed, IReadOnlyList<(string Element, string Value)>? parameters = null,
        IReadOnlyList<(string Adjusting, string Reference, string Adjust)>? adjustments = null, string secondDimension = "Trade")
    {
        var xml = new StringBuilder();
        xml.Append($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Scenario>
              <name>{name}</name>
              <desc>test</desc>
              <prngSeed>{seed}</prngSeed>

            """);
        if (parameters is { Count: > 0 })
        {
            xml.Append("  <ModelParameters>\n");
            foreach (var (element, value) in parameters) xml.Append($"    <{element}>{value}</{element}>\n");
            xml.Append("  </ModelParameters>\n");
        }
        xml.Append($"""
              <Dimensions><dName>Tax</dName><dName>{secondDimension}</dName></Dimensions>
              <Actors>
                <Actor><name>Alice</name><description>A</description><capability>117.7</capability>
                  <Position><dCoord>52.8</dCoord><dCoord>10</dCoord></Position>
                  <Salience><dSal>32.3</dSal><dSal>20</dSal></Salience></Actor>
                <Actor><name>Bob</name><description>B</description><capability>50</capability>
                  <Position><dCoord>12</dCoord><dCoord>90</dCoord></Position>
                  <Salience><dSal>40</dSal><dSal>40</dSal></Salience></Actor>
                <Actor><name>Carol</name><description>C</description><capability>80</capability>
                  <Position><dCoord>70</dCoord><dCoord>60</dCoord></Position>
                  <Salience><dSal>10</dSal><dSal>60</dSal></Salience></Actor>
              </Actors>

            """);
        if (adjustments is { Count: > 0 })
        {
            xml.Append("  <IdealAdjustment>\n");
            foreach (var (adjusting, reference, adjust) in adjustments)
                xml.Append($"    <iaPair><adjustingIdeal>{adjusting}</adjustingIdeal><referencePos>{reference}</referencePos><adjust>{adjust}</adjust></iaPair>\n");
            xml.Append("  </IdealAdjustment>\n");
        }
        xml.Append("</Scenario>\n");
        return xml.ToString();
    }
}
