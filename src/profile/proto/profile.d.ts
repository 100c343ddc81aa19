import * as $protobuf from "protobufjs";
import Long = require("long");
/** Namespace perftools. */
export namespace perftools {

    /** Namespace profiles. */
    namespace profiles {

        /** Properties of a Profile. */
        interface IProfile {

            /** Profile sampleType */
            sampleType?: (perftools.profiles.IValueType[]|null);

            /** Profile sample */
            sample?: (perftools.profiles.ISample[]|null);

            /** Profile mapping */
            mapping?: (perftools.profiles.IMapping[]|null);

            /** Profile location */
            location?: (perftools.profiles.ILocation[]|null);

            /** Profile function */
            "function"?: (perftools.profiles.IFunction[]|null);

            /** Profile stringTable */
            stringTable?: (string[]|null);

            /** Profile dropFrames */
            dropFrames?: (number|null);

            /** Profile keepFrames */
            keepFrames?: (number|null);

            /** Profile timeNanos */
            timeNanos?: (number|null);

            /** Profile durationNanos */
            durationNanos?: (number|null);

            /** Profile periodType */
            periodType?: (perftools.profiles.IValueType|null);

            /** Profile period */
            period?: (number|null);

            /** Profile comment */
            comment?: (number[]|null);

            /** Profile defaultSampleType */
            defaultSampleType?: (number|null);

            /** Profile docUrl */
            docUrl?: (number|null);
        }

        /** Represents a Profile. */
        class Profile implements IProfile {

            /**
             * Constructs a new Profile.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.IProfile);

            /** Profile sampleType. */
            public sampleType: perftools.profiles.IValueType[];

            /** Profile sample. */
            public sample: perftools.profiles.ISample[];

            /** Profile mapping. */
            public mapping: perftools.profiles.IMapping[];

            /** Profile location. */
            public location: perftools.profiles.ILocation[];

            /** Profile function. */
            public function: perftools.profiles.IFunction[];

            /** Profile stringTable. */
            public stringTable: string[];

            /** Profile dropFrames. */
            public dropFrames: number;

            /** Profile keepFrames. */
            public keepFrames: number;

            /** Profile timeNanos. */
            public timeNanos: number;

            /** Profile durationNanos. */
            public durationNanos: number;

            /** Profile periodType. */
            public periodType?: (perftools.profiles.IValueType|null);

            /** Profile period. */
            public period: number;

            /** Profile comment. */
            public comment: number[];

            /** Profile defaultSampleType. */
            public defaultSampleType: number;

            /** Profile docUrl. */
            public docUrl: number;

            /**
             * Encodes the specified Profile message. Does not implicitly {@link perftools.profiles.Profile.verify|verify} messages.
             * @param message Profile message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.IProfile, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Profile message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Profile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Profile;
        }

        /** Properties of a ValueType. */
        interface IValueType {

            /** ValueType type */
            type?: (number|null);

            /** ValueType unit */
            unit?: (number|null);
        }

        /** Represents a ValueType. */
        class ValueType implements IValueType {

            /**
             * Constructs a new ValueType.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.IValueType);

            /** ValueType type. */
            public type: number;

            /** ValueType unit. */
            public unit: number;

            /**
             * Encodes the specified ValueType message. Does not implicitly {@link perftools.profiles.ValueType.verify|verify} messages.
             * @param message ValueType message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.IValueType, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ValueType message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns ValueType
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.ValueType;
        }

        /** Properties of a Sample. */
        interface ISample {

            /** Sample locationId */
            locationId?: (number[]|null);

            /** Sample value */
            value?: (number[]|null);

            /** Sample label */
            label?: (perftools.profiles.ILabel[]|null);
        }

        /** Represents a Sample. */
        class Sample implements ISample {

            /**
             * Constructs a new Sample.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.ISample);

            /** Sample locationId. */
            public locationId: number[];

            /** Sample value. */
            public value: number[];

            /** Sample label. */
            public label: perftools.profiles.ILabel[];

            /**
             * Encodes the specified Sample message. Does not implicitly {@link perftools.profiles.Sample.verify|verify} messages.
             * @param message Sample message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.ISample, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Sample message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Sample
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Sample;
        }

        /** Properties of a Label. */
        interface ILabel {

            /** Label key */
            key?: (number|null);

            /** Label str */
            str?: (number|null);

            /** Label num */
            num?: (number|null);

            /** Label numUnit */
            numUnit?: (number|null);
        }

        /** Represents a Label. */
        class Label implements ILabel {

            /**
             * Constructs a new Label.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.ILabel);

            /** Label key. */
            public key: number;

            /** Label str. */
            public str: number;

            /** Label num. */
            public num: number;

            /** Label numUnit. */
            public numUnit: number;

            /**
             * Encodes the specified Label message. Does not implicitly {@link perftools.profiles.Label.verify|verify} messages.
             * @param message Label message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.ILabel, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Label message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Label
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Label;
        }

        /** Properties of a Mapping. */
        interface IMapping {

            /** Mapping id */
            id?: (number|null);

            /** Mapping memoryStart */
            memoryStart?: (number|null);

            /** Mapping memoryLimit */
            memoryLimit?: (number|null);

            /** Mapping fileOffset */
            fileOffset?: (number|null);

            /** Mapping filename */
            filename?: (number|null);

            /** Mapping buildId */
            buildId?: (number|null);

            /** Mapping hasFunctions */
            hasFunctions?: (boolean|null);

            /** Mapping hasFilenames */
            hasFilenames?: (boolean|null);

            /** Mapping hasLineNumbers */
            hasLineNumbers?: (boolean|null);

            /** Mapping hasInlineFrames */
            hasInlineFrames?: (boolean|null);
        }

        /** Represents a Mapping. */
        class Mapping implements IMapping {

            /**
             * Constructs a new Mapping.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.IMapping);

            /** Mapping id. */
            public id: number;

            /** Mapping memoryStart. */
            public memoryStart: number;

            /** Mapping memoryLimit. */
            public memoryLimit: number;

            /** Mapping fileOffset. */
            public fileOffset: number;

            /** Mapping filename. */
            public filename: number;

            /** Mapping buildId. */
            public buildId: number;

            /** Mapping hasFunctions. */
            public hasFunctions: boolean;

            /** Mapping hasFilenames. */
            public hasFilenames: boolean;

            /** Mapping hasLineNumbers. */
            public hasLineNumbers: boolean;

            /** Mapping hasInlineFrames. */
            public hasInlineFrames: boolean;

            /**
             * Encodes the specified Mapping message. Does not implicitly {@link perftools.profiles.Mapping.verify|verify} messages.
             * @param message Mapping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.IMapping, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Mapping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Mapping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Mapping;
        }

        /** Properties of a Location. */
        interface ILocation {

            /** Location id */
            id?: (number|null);

            /** Location mappingId */
            mappingId?: (number|null);

            /** Location address */
            address?: (number|null);

            /** Location line */
            line?: (perftools.profiles.ILine[]|null);

            /** Location isFolded */
            isFolded?: (boolean|null);
        }

        /** Represents a Location. */
        class Location implements ILocation {

            /**
             * Constructs a new Location.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.ILocation);

            /** Location id. */
            public id: number;

            /** Location mappingId. */
            public mappingId: number;

            /** Location address. */
            public address: number;

            /** Location line. */
            public line: perftools.profiles.ILine[];

            /** Location isFolded. */
            public isFolded: boolean;

            /**
             * Encodes the specified Location message. Does not implicitly {@link perftools.profiles.Location.verify|verify} messages.
             * @param message Location message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.ILocation, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Location message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Location
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Location;
        }

        /** Properties of a Line. */
        interface ILine {

            /** Line functionId */
            functionId?: (number|null);

            /** Line line */
            line?: (number|null);

            /** Line column */
            column?: (number|null);
        }

        /** Represents a Line. */
        class Line implements ILine {

            /**
             * Constructs a new Line.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.ILine);

            /** Line functionId. */
            public functionId: number;

            /** Line line. */
            public line: number;

            /** Line column. */
            public column: number;

            /**
             * Encodes the specified Line message. Does not implicitly {@link perftools.profiles.Line.verify|verify} messages.
             * @param message Line message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.ILine, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Line message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Line
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Line;
        }

        /** Properties of a Function. */
        interface IFunction {

            /** Function id */
            id?: (number|null);

            /** Function name */
            name?: (number|null);

            /** Function systemName */
            systemName?: (number|null);

            /** Function filename */
            filename?: (number|null);

            /** Function startLine */
            startLine?: (number|null);
        }

        /** Represents a Function. */
        class Function implements IFunction {

            /**
             * Constructs a new Function.
             * @param [properties] Properties to set
             */
            constructor(properties?: perftools.profiles.IFunction);

            /** Function id. */
            public id: number;

            /** Function name. */
            public name: number;

            /** Function systemName. */
            public systemName: number;

            /** Function filename. */
            public filename: number;

            /** Function startLine. */
            public startLine: number;

            /**
             * Encodes the specified Function message. Does not implicitly {@link perftools.profiles.Function.verify|verify} messages.
             * @param message Function message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            public static encode(message: perftools.profiles.IFunction, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Function message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns Function
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): perftools.profiles.Function;
        }
    }
}
