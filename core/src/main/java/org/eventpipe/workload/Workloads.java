package org.eventpipe.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

import org.eventpipe.workload.events.EventsWorkload;

/**
 * The workloads on the class path, found with {@link ServiceLoader}.
 */
public final class Workloads
{
    /** The workload run when none is named: the NDJSON events of the project's seeds. */
    public static final String DEFAULT = "events";

    private Workloads()
    {
    }

    /**
     * Every workload on the class path, sorted by name.
     *
     * @return the workloads.
     */
    public static List<Workload> all()
    {
        final List<Workload> workloads = new ArrayList<>();
        for (final Workload workload : ServiceLoader.load(Workload.class, Workloads.class.getClassLoader()))
        {
            workloads.add(workload);
        }
        workloads.sort((a, b) -> a.name().compareTo(b.name()));
        return workloads;
    }

    /**
     * Names of the workloads on the class path, for messages and {@code --help}.
     *
     * @return e.g. {@code events, work-items}.
     */
    public static String names()
    {
        final StringBuilder names = new StringBuilder();
        for (final Workload workload : all())
        {
            names.append(names.isEmpty() ? "" : ", ").append(workload.name());
        }
        return names.toString();
    }

    /**
     * The workload of a name.
     *
     * @param name given to {@code --workload}, case insensitive.
     * @return the workload.
     * @throws IllegalArgumentException naming the workloads there are, if none has that name.
     */
    public static Workload named(final String name)
    {
        final String wanted = name.toLowerCase(Locale.ROOT);
        for (final Workload workload : all())
        {
            if (workload.name().equals(wanted))
            {
                return workload;
            }
        }
        throw new IllegalArgumentException("--workload: unknown workload '" + name + "' (known: " + names() + ")");
    }

    /**
     * The default workload, {@value #DEFAULT}.
     *
     * @return the events workload.
     */
    public static Workload events()
    {
        return EventsWorkload.INSTANCE;
    }
}
