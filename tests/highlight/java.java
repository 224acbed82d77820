public final class Lease {
    private static final long TTL = 30_000L;

    @Override
    public String toString() {
        return "Lease(" + TTL + ")";
    }
}
