package dev.poststride.publishing;

/**
 * This attempt no longer holds its target's lease (it ran out and another attempt took over): the adapter must stop
 * before its next step, because only the current holder may call the platform or write the target.
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(String message) {
        super(message, null, false, false);
    }
}
