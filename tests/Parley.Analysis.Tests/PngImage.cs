using System.Buffers.Binary;
using System.IO.Compression;

namespace Parley.Analysis.Tests;

/// <summary>A minimal PNG decoder (8-bit greyscale, RGB or RGBA, non-interlaced): enough to check a screenshot is not blank.</summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public byte[] Pixels { get; }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!bytes.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("not a PNG");
        int pos = 8, width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        while (pos < bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8) throw new InvalidDataException($"bit depth {data[8]} not supported");
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"colour type {data[9]} not supported") };
                if (data[12] != 0) throw new InvalidDataException("interlaced PNG not supported");
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return new PngImage(width, height, channels, Unfilter(raw.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] data, int width, int height, int bpp)
    {
        int stride = width * bpp;
        var output = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = data[y * (stride + 1)];
            var src = data.AsSpan(y * (stride + 1) + 1, stride);
            var dst = output.AsSpan(y * stride, stride);
            var up = y > 0 ? output.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? dst[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
                int v = filter switch
                {
                    0 => src[i],
                    1 => src[i] + a,
                    2 => src[i] + b,
                    3 => src[i] + ((a + b) >> 1),
                    4 => src[i] + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                dst[i] = (byte)v;
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Variance of the luminance over all pixels (0 for a blank image).</summary>
    public double LuminanceVariance()
    {
        double sum = 0, sumSq = 0;
        int n = Width * Height;
        for (int p = 0; p < n; p++)
        {
            double l = Channels >= 3
                ? 0.2126 * Pixels[p * Channels] + 0.7152 * Pixels[p * Channels + 1] + 0.0722 * Pixels[p * Channels + 2]
                : Pixels[p * Channels];
            sum += l;
            sumSq += l * l;
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /// <summary>How many distinct colours (RGB) the image uses, up to a cap.</summary>
    public int DistinctColours(int cap = 10_000)
    {
        var set = new HashSet<int>();
        for (int p = 0; p < Width * Height && set.Count < cap; p++)
        {
            int i = p * Channels;
            set.Add(Channels >= 3 ? Pixels[i] << 16 | Pixels[i + 1] << 8 | Pixels[i + 2] : Pixels[i]);
        }
        return set.Count;
    }
}
