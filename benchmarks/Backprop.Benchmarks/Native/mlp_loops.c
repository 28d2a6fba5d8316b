/*
 * The "plain C loops" peer of docs/benchmarks.md: a two-layer sigmoid MLP written the way a careful C
 * programmer would, with every size a compile-time constant. It computes what the generated network computes
 * (eq. 1-6 of docs/math.md, C = 1/2 |Y - A|^2, plain SGD), without the bit-for-bit guarantee. The build
 * compiles it twice (see Backprop.Benchmarks.csproj):
 *   libmlploops.so          -O3 -march=native -ffast-math: the compiler reorders the sums, fuses each
 *                           multiply with its add, and calls glibc's vector expf (an approximation);
 *   libmlploops_unfused.so  -O3 -march=native -ffp-contract=off -fassociative-math (and what that needs): the
 *                           sums still reordered, but no fused multiply-add and glibc's scalar expf, computed
 *                           in double and rounded once, as Backprop's exp is. These are the two rules the
 *                           bit-for-bit guarantee costs Backprop; its fixed summation order is not imposed.
 *
 * Parameters are in the benchmarks' seed layout: W2 row-major (w_jk at j * inputs + k), B2, W3, B3.
 * One set of entry points per topology: mlp_<in>_<hidden>_<out>_forward and _train_step.
 */
#include <math.h>

#define RESTRICT __restrict__
#define INLINE static inline __attribute__((always_inline))

/* z = W a + b for one layer, then the sigmoid in its own loop, so that the compiler vectorizes both. */
INLINE void layer(const float *RESTRICT w, const float *RESTRICT b, const float *RESTRICT in,
                  float *RESTRICT out, int inputs, int neurons)
{
    for (int j = 0; j < neurons; j++) {
        float z = b[j];
        for (int k = 0; k < inputs; k++)
            z += w[j * inputs + k] * in[k];
        out[j] = z;
    }
    for (int j = 0; j < neurons; j++)
        out[j] = 1.0f / (1.0f + expf(-out[j]));
}

/* Eq. 5 and 6 for one layer: w_jk -= eta * delta_j * a_k, b_j -= eta * delta_j. */
INLINE void step(float *RESTRICT w, float *RESTRICT b, const float *RESTRICT delta,
                 const float *RESTRICT in, float eta, int inputs, int neurons)
{
    for (int j = 0; j < neurons; j++) {
        float g = eta * delta[j];
        for (int k = 0; k < inputs; k++)
            w[j * inputs + k] -= g * in[k];
        b[j] -= g;
    }
}

#define MLP(I, H, O)                                                                               \
    void mlp_##I##_##H##_##O##_forward(const float *RESTRICT p, const float *RESTRICT x,           \
                                       float *RESTRICT y)                                          \
    {                                                                                              \
        float h[H];                                                                                \
        layer(p, p + H * I, x, h, I, H);                                                           \
        layer(p + H * I + H, p + H * I + H + O * H, h, y, H, O);                                   \
    }                                                                                              \
                                                                                                   \
    float mlp_##I##_##H##_##O##_train_step(float *RESTRICT p, const float *RESTRICT x,             \
                                           const float *RESTRICT t, float eta)                      \
    {                                                                                              \
        float *w2 = p, *b2 = p + H * I, *w3 = b2 + H, *b3 = w3 + O * H;                            \
        float h[H], y[O], d3[O], d2[H];                                                            \
        layer(w2, b2, x, h, I, H);                                                                 \
        layer(w3, b3, h, y, H, O);                                                                 \
        float cost = 0.0f;                                                                         \
        for (int j = 0; j < O; j++) { /* eq. 3 */                                                  \
            float e = y[j] - t[j];                                                                 \
            cost += e * e;                                                                         \
            d3[j] = e * y[j] * (1.0f - y[j]);                                                      \
        }                                                                                          \
        for (int k = 0; k < H; k++) /* eq. 4, before W3 takes its step */                          \
            d2[k] = 0.0f;                                                                          \
        for (int j = 0; j < O; j++)                                                                \
            for (int k = 0; k < H; k++)                                                            \
                d2[k] += w3[j * H + k] * d3[j];                                                    \
        for (int k = 0; k < H; k++)                                                                \
            d2[k] *= h[k] * (1.0f - h[k]);                                                         \
        step(w3, b3, d3, h, eta, H, O);                                                            \
        step(w2, b2, d2, x, eta, I, H);                                                            \
        return 0.5f * cost;                                                                        \
    }

MLP(3, 4, 2)
MLP(16, 32, 8)
MLP(64, 128, 10)
MLP(784, 128, 10)
