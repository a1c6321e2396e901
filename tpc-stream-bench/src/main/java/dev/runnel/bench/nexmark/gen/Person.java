package dev.runnel.bench.nexmark.gen;

/** A person event; a mutable holder the generator fills (reuse one per consumer). */
public final class Person {
    public long id;
    public String name;
    public String emailAddress;
    public String creditCard;
    public String city;
    public String state;
    /** Event time, epoch millis. */
    public long dateTime;
    public String extra;
}
